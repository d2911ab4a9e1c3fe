package dev.todo.backend.chat;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.todo.backend.assistant.AssistantMode;
import dev.todo.backend.assistant.AssistantReply;
import dev.todo.backend.assistant.LlmAssistant;
import dev.todo.backend.assistant.OfflineAssistant;
import dev.todo.backend.web.ApiException;
import dev.todo.backend.web.Text;

/**
 * One chat turn: load or start the caller's conversation, store the user's message, let the
 * assistant answer (LLM or offline) with the stored history, store the answer. Everything is
 * read from and written to the database, so any replica can serve the next turn.
 */
@ApplicationScoped
public class ChatService {

    private static final Logger LOG = Logger.getLogger(ChatService.class);
    public static final int MAX_MESSAGE = 4000;
    private static final int HISTORY = 20;

    @org.eclipse.microprofile.openapi.annotations.media.Schema(requiredProperties = { "conversationId", "reply", "actions" })
    public record ChatResult(long conversationId, String reply, List<dev.todo.backend.assistant.Action> actions) {
    }

    @Inject
    ConversationRepository conversations;
    @Inject
    AssistantMode mode;
    @Inject
    OfflineAssistant offline;
    @Inject
    LlmAssistant llm;

    public ChatResult chat(long userId, Long conversationId, String message) {
        if (Text.isBlank(message)) {
            throw ApiException.badRequest("message", "The message cannot be empty");
        }
        Text.refuseNul("message", message);
        if (Text.length(message) > MAX_MESSAGE) {
            throw ApiException.badRequest("message", "The message can have at most " + MAX_MESSAGE + " characters");
        }
        Conversation conversation = conversationId == null
                ? conversations.create(userId, title(message))
                : conversations.find(userId, conversationId).orElseThrow(() -> ApiException.notFound("Conversation " + conversationId));
        List<ChatMessage> history = mode.llm() ? conversations.messages(conversation.id(), HISTORY) : List.of();
        conversations.append(conversation.id(), "user", message, List.of());
        AssistantReply reply = answer(userId, history, message);
        conversations.append(conversation.id(), "assistant", reply.reply(), reply.actions());
        return new ChatResult(conversation.id(), reply.reply(), reply.actions());
    }

    private AssistantReply answer(long userId, List<ChatMessage> history, String message) {
        if (!mode.llm()) {
            return offline.handle(userId, message);
        }
        try {
            return llm.handle(userId, history.stream().map(m -> new LlmAssistant.Turn("user".equals(m.role()), m.content())).toList(), message);
        } catch (RuntimeException e) {
            LOG.warnf("The AI provider failed (%s); the built-in assistant answers instead", e.toString());
            AssistantReply fallback = offline.handle(userId, message);
            return new AssistantReply("(The AI provider could not be reached, so the built-in assistant answered.)\n" + fallback.reply(),
                    fallback.actions());
        }
    }

    private static String title(String message) {
        String t = message.strip().replaceAll("\\s+", " ");
        return t.length() <= 60 ? t : t.substring(0, 57) + "...";
    }
}
