package dev.todo.backend.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void isSpaceIsExactlyTheCharacterClassTheOpenApiPatternsName() {
        Pattern space = Pattern.compile("[" + Text.SPACE + "]");
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String hex = Integer.toHexString(cp);
            assertEquals(space.matcher(new String(Character.toChars(cp))).matches(), Text.isSpace(cp), () -> "U+" + hex);
        }
    }

    @Test
    void lengthsCountCharactersAsJsonSchemaDoes() {
        assertEquals(2, Text.length("\uD83D\uDE00x"));
        assertEquals("a b", Text.strip("\u3000\u00A0a b\u001C\n"));
    }
}
