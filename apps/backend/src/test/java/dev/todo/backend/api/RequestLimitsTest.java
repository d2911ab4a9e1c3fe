package dev.todo.backend.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.todo.backend.chat.ChatService;
import dev.todo.backend.tasks.TaskChanges;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** OWASP API4: request bodies and chat messages have limits, declared in the OpenAPI document and enforced with a clear error. */
@QuarkusTest
class RequestLimitsTest {

    private static final int MAX_BODY = 128 * 1024; // MAX_BODY_SIZE's default

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsRead() {
        Api.Account a = Api.signup("bulky");
        String big = "{\"title\":\"big\",\"description\":\"" + "x".repeat(MAX_BODY) + "\"}";
        a.as().body(big).post("/api/tasks").then().statusCode(413).contentType(ContentType.JSON)
                .body("error", equalTo("The request body is larger than the limit of 128 KiB"));
        // Unauthenticated too: the limit comes before anything else.
        given().contentType(ContentType.JSON).body(big).post("/api/auth/login").then().statusCode(413);
        // The largest task the limits allow, every character escaped, fits under it.
        String largest = "{\"title\":\"" + "\\u00e9".repeat(TaskChanges.MAX_TITLE) + "\",\"description\":\""
                + "\\u00e9".repeat(TaskChanges.MAX_DESCRIPTION) + "\"}";
        a.as().body(largest).post("/api/tasks").then().statusCode(201);
    }

    @Test
    void aChatMessageHasAtMost4000CharactersCountedAsCharactersNotUtf16Units() {
        Api.Account a = Api.signup("chatty");
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        a.as().body(Map.of("message", "add " + emoji.repeat(ChatService.MAX_MESSAGE - 4))).post("/api/chat").then().statusCode(200);
        a.as().body(Map.of("message", "x".repeat(ChatService.MAX_MESSAGE + 1))).post("/api/chat").then().statusCode(400)
                .body("field", equalTo("message")).body("error", containsString("at most 4000 characters"));
    }

    @Test
    void theOpenApiDocumentDeclaresTheLimits() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        doc.setRootPath("components.schemas");
        org.junit.jupiter.api.Assertions.assertEquals(ChatService.MAX_MESSAGE, doc.getInt("ChatRequest.properties.message.maxLength"));
        org.junit.jupiter.api.Assertions.assertEquals(TaskChanges.MAX_DESCRIPTION, doc.getInt("TaskUpdate.properties.description.maxLength"));
        org.junit.jupiter.api.Assertions.assertEquals(TaskChanges.MAX_TAGS, doc.getInt("TaskUpdate.properties.tags.maxItems"));
        given().get("/q/openapi?format=json").then()
                .body("paths.'/api/tasks'.post.responses.'413'.description", containsString("128 KiB"))
                .body("paths.'/api/chat'.post.responses.'413'.content.'application/json'.schema.'$ref'", equalTo("#/components/schemas/ApiError"))
                .body("paths.'/api/auth/login'.post.responses.'429'.headers.'Retry-After'.required", equalTo(true));
    }

    @Test
    void valuesOfTheWrongTypeAreRefusedNotConverted() {
        given().contentType(ContentType.JSON).body(Map.of("email", Api.uniqueEmail("typed"), "password", 12345678))
                .post("/api/auth/signup").then().statusCode(400).body("field", equalTo("password"));
        Api.Account a = Api.signup("typed");
        a.as().body(Map.of("conversationId", "1", "message", "hi")).post("/api/chat").then().statusCode(400).body("field", equalTo("conversationId"));
        a.as().body(Map.of("conversationId", 1.5, "message", "hi")).post("/api/chat").then().statusCode(400).body("field", equalTo("conversationId"));
        a.as().body("{\"title\":\"nul \\u0000 inside\"}").post("/api/tasks").then().statusCode(400).body("field", equalTo("title"));
    }
}
