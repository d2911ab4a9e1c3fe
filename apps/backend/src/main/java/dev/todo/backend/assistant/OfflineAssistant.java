package dev.todo.backend.assistant;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.todo.backend.tasks.Task;
import dev.todo.backend.tasks.TaskPage;
import dev.todo.backend.tasks.TaskQuery;
import dev.todo.backend.tasks.TaskService;

/**
 * The built-in assistant used when no LLM is configured: understands plain-English commands
 * for the five task tools ("add buy milk tomorrow", "what's on my list", "mark 3 as done",
 * "delete the milk task", "rename task 2 to call mom", "make 4 high priority", "move 2 to
 * friday"), says what it did, and politely declines anything else, saying how to enable the LLM.
 */
@ApplicationScoped
public class OfflineAssistant {

    public static final String LLM_HINT = "For free-form conversation, connect an LLM: set AI_API_KEY (and AI_BASE_URL and AI_MODEL "
            + "for Groq, Gemini, Ollama or another OpenAI-compatible provider) and restart the backend.";

    static final String HELP = "I can manage your tasks. Try:\n"
            + "- \"add buy milk tomorrow\" (also: \"remind me to call mom on friday #family\", \"add pay rent high priority\")\n"
            + "- \"what's on my list\", \"show completed tasks\", \"show tasks tagged work\"\n"
            + "- \"mark 3 as done\", \"reopen 3\"\n"
            + "- \"rename task 2 to call mom\", \"make 2 high priority\", \"move 2 to next monday\"\n"
            + "- \"delete the milk task\" or \"delete 4\"\n"
            + "Tasks are numbered: \"#3\" is task 3.";

    private static final int F = Pattern.CASE_INSENSITIVE;
    private static final String PRI = "(low|medium|normal|high|urgent)";
    private static final Pattern GREETING = Pattern.compile("^(hi|hello|hey|hiya|howdy|yo|good (morning|afternoon|evening))\\b.*", F);
    private static final Pattern THANKS = Pattern.compile("^(thanks|thank you|thx|ty|cheers|great|perfect|ok|okay|cool)\\b.*", F);
    private static final Pattern HELP_ASK = Pattern.compile("^(help|\\?|commands|what can you do|what do you do|how does this work|how do i use (this|you)|who are you)\\b.*", F);
    private static final Pattern BULK = Pattern.compile("^(delete|remove|clear|erase|wipe|complete|finish|mark)\\s+(all|every|everything)\\b.*", F);
    private static final Pattern RENAME = Pattern.compile("^(?:rename|retitle)\\s+(.+?)\\s+(?:to|as|into)\\s+(.+)$", F);
    private static final Pattern CHANGE_TITLE = Pattern.compile("^(?:change|update|set|edit)\\s+(?:the\\s+)?(?:title|name|text)\\s+(?:of|for)\\s+(.+?)\\s+to\\s+(.+)$", F);
    private static final Pattern CHANGE_TASK = Pattern.compile("^(?:change|update|edit)\\s+(?:task\\s+)?#?(\\d+)\\s+to\\s+(.+)$", F);
    private static final Pattern PRIORITY_OF = Pattern.compile("^(?:set|change|make|update)\\s+(?:the\\s+)?priority\\s+(?:of|for|on)\\s+(.+?)\\s+(?:to|as)\\s+" + PRI + "(?:\\s+priority)?$", F);
    private static final Pattern PRIORITY_MAKE = Pattern.compile("^(?:make|mark|set|change)\\s+(.+?)\\s+(?:to\\s+|as\\s+)?" + PRI + "(?:\\s+priority|\\s+prio)?$", F);
    private static final Pattern PRIORITY_SUFFIX = Pattern.compile("^(?:set|change)\\s+(.+?)(?:'s)?\\s+priority\\s+(?:to\\s+)?" + PRI + "$", F);
    private static final Pattern DUE_OF = Pattern.compile("^(?:set|change|update|move)\\s+(?:the\\s+)?due(?:\\s+date)?\\s+(?:of|for|on)\\s+(.+?)\\s+to\\s+(.+)$", F);
    private static final Pattern MOVE = Pattern.compile("^(?:move|reschedule|postpone|push|defer|set)\\s+(.+?)\\s+(?:to|until|till|for|due)\\s+(.+)$", F);
    private static final Pattern UNCOMPLETE = Pattern.compile("^(?:(?:mark|set)\\s+(.+?)\\s+(?:as\\s+)?(?:not\\s+done|undone|open|incomplete|not\\s+complete(?:d)?|unfinished|to\\s*do)"
            + "|(?:reopen|uncheck|untick|undo|unfinish)\\s+(.+))$", F);
    private static final Pattern COMPLETE = Pattern.compile("^(?:(?:mark|set|flag)\\s+(.+?)\\s+(?:as\\s+)?(?:done|complete|completed|finished|checked)"
            + "|(?:complete|finish|finished|check\\s+off|tick\\s+off|cross\\s+off|close|done\\s+with|done|did)\\s+(.+?)(?:\\s+(?:off|as\\s+done))?"
            + "|i(?:'ve|\\s+have)?\\s+(?:finished|completed|done|did)\\s+(.+)"
            + "|(.+?)\\s+is\\s+(?:done|finished|complete|completed))$", F);
    private static final Pattern DELETE = Pattern.compile("^(?:delete|remove|drop|erase|trash|cancel|get\\s+rid\\s+of|forget(?:\\s+about)?)\\s+(.+)$", F);
    private static final Pattern ADD = Pattern.compile("^(?:add|create|new|make|put|schedule|remind\\s+me(?:\\s+to)?|todo|to-do|note|i\\s+(?:need|have|must|should|gotta)\\s+(?:to\\s+)?|i\\s+must|don'?t\\s+let\\s+me\\s+forget(?:\\s+to)?|please\\s+add)\\b[:\\s]*(.*)$", F);
    private static final Pattern LIST = Pattern.compile("^(?:(?:what|what's|whats|what is|show|list|display|view|see|get|give|tell|read|print|which|any|do i have|how many)\\b"
            + ".*\\b(?:tasks?|todos?|to-dos?|to do|list|agenda|do|due|left|pending|open|completed|done|finished|planned|have|need)\\b.*"
            + "|(?:show|list|display|view)(?:\\s+(?:all|everything))?"
            + "|(?:my\\s+)?(?:tasks|todos|to-dos|list|todo list|to-do list|agenda)"
            + "|(?:all|open|pending|completed|done|finished)\\s+tasks)$", F);
    private static final Pattern TAG = Pattern.compile("(?:^|\\s)#([\\p{L}\\p{N}_-]{1,40})(?=\\s|$)");
    private static final Pattern PRIORITY_WORDS = Pattern.compile("(?:,?\\s+|^)(?:(?:with|at|as)\\s+(?:a\\s+)?)?(?:(low|medium|normal|high|top)\\s+priority|priority\\s*:?\\s*(low|medium|high)|(urgent(?:ly)?|asap|important)|!(high|low|medium))(?=\\s|,|$)", F);

    @Inject
    TaskTools tools;
    @Inject
    TaskService tasks;

    public AssistantReply handle(long userId, String message) {
        String text = message == null ? "" : message.strip().replaceAll("\\s+", " ").replaceAll("[.!?]+$", "").strip();
        text = text.replaceFirst("(?i)^(?:please|pls|plz|hey assistant|assistant)[,\\s]+", "").replaceFirst("(?i)[,\\s]+please$", "");
        if (text.isEmpty()) {
            return say("Tell me what to do with your tasks, for example \"add buy milk tomorrow\".");
        }
        Matcher m;
        if (HELP_ASK.matcher(text).matches()) {
            return say(HELP + "\n\n" + LLM_HINT);
        }
        if (GREETING.matcher(text).matches() && text.split(" ").length <= 4) {
            return say("Hello! " + HELP);
        }
        if (THANKS.matcher(text).matches() && text.split(" ").length <= 4) {
            return say("You're welcome! Anything else on your list?");
        }
        if (BULK.matcher(text).matches()) {
            return say("To keep your list safe I change one task at a time. Say which one, e.g. \"delete 4\" or \"mark 3 as done\"; "
                    + "\"what's on my list\" shows the numbers.");
        }
        if ((m = RENAME.matcher(text)).matches() || (m = CHANGE_TITLE.matcher(text)).matches() || (m = CHANGE_TASK.matcher(text)).matches()) {
            String newTitle = stripQuotes(m.group(2));
            return withTask(userId, m.group(1), t -> tools.update(userId, t.id(), newTitle, null, null, null, null, null));
        }
        if ((m = PRIORITY_OF.matcher(text)).matches() || (m = PRIORITY_SUFFIX.matcher(text)).matches() || (m = PRIORITY_MAKE.matcher(text)).matches()) {
            String p = priority(m.group(2));
            return withTask(userId, m.group(1), t -> tools.update(userId, t.id(), null, null, p, null, null, null));
        }
        if ((m = DUE_OF.matcher(text)).matches() || ((m = MOVE.matcher(text)).matches() && date(m.group(2)).isPresent())) {
            Optional<LocalDate> due = m.group(2).matches("(?i)(?:no|none|nothing|never|no date|no due date)") ? Optional.of(LocalDate.MIN) : date(m.group(2));
            if (due.isEmpty()) {
                return say("I didn't understand the date \"" + m.group(2) + "\". Try \"tomorrow\", \"friday\", \"in 3 days\" or \"2026-12-01\".");
            }
            String value = due.get().equals(LocalDate.MIN) ? "" : due.get().toString();
            return withTask(userId, m.group(1), t -> tools.update(userId, t.id(), null, null, null, value, null, null));
        }
        if ((m = UNCOMPLETE.matcher(text)).matches()) {
            String ref = first(m);
            return withTask(userId, ref, t -> tools.complete(userId, t.id(), false));
        }
        if ((m = COMPLETE.matcher(text)).matches()) {
            String ref = first(m);
            return withTask(userId, ref, t -> tools.complete(userId, t.id(), true));
        }
        if ((m = DELETE.matcher(text)).matches()) {
            return withTask(userId, m.group(1), t -> tools.delete(userId, t.id()));
        }
        if ((m = ADD.matcher(text)).matches() && !text.toLowerCase(Locale.ROOT).matches("^(?:make|put)\\s.*") || text.toLowerCase(Locale.ROOT).matches("^(?:make|put)\\s+.+\\s+(?:on|to)\\s+my\\s+list$")) {
            m = ADD.matcher(text);
            m.matches();
            return add(userId, m.group(1));
        }
        if (LIST.matcher(text).matches()) {
            return list(userId, text.toLowerCase(Locale.ROOT));
        }
        return say("Sorry, I can't help with that: I'm the built-in task assistant and I only manage your to-do list. "
                + "Try \"add buy milk tomorrow\", \"what's on my list\" or \"help\".\n\n" + LLM_HINT);
    }

    private AssistantReply add(long userId, String rest) {
        String title = rest.strip();
        title = title.replaceFirst("(?i)^(?:a\\s+)?(?:new\\s+)?(?:task|todo|to-do|reminder|item|note)\\b\\s*(?::|to|-|called|named|titled)?\\s*", "");
        title = title.replaceFirst("(?i)\\s+(?:to|on|onto|in)\\s+(?:my|the)\\s+(?:to-?do\\s+|task\\s+)?(?:list|tasks|todos)$", "");
        List<String> tags = new ArrayList<>();
        Matcher tm = TAG.matcher(title);
        while (tm.find()) {
            tags.add(tm.group(1));
        }
        title = TAG.matcher(title).replaceAll(" ").strip();
        String priority = null;
        LocalDate due = null;
        LocalDate today = LocalDate.now();
        boolean changed = true;
        while (changed) {
            changed = false;
            Matcher pm = PRIORITY_WORDS.matcher(title);
            if (pm.find()) {
                String word = pm.group(1) != null ? pm.group(1) : pm.group(2) != null ? pm.group(2) : pm.group(3) != null ? pm.group(3) : pm.group(4);
                priority = priority(word);
                title = (title.substring(0, pm.start()) + title.substring(pm.end())).strip();
                changed = true;
            }
            if (due == null) {
                Optional<DatePhrases.Split> split = DatePhrases.splitTrailing(title, today);
                if (split.isPresent() && !split.get().rest().isBlank()) {
                    due = split.get().date();
                    title = split.get().rest();
                    changed = true;
                }
            }
            title = title.replaceFirst("[,;:\\s-]+$", "").replaceFirst("(?i)\\s+(?:and|with)$", "").strip();
        }
        title = stripQuotes(title);
        if (title.isBlank()) {
            return say("What should the task say? For example \"add buy milk tomorrow\".");
        }
        ToolResult r = tools.add(userId, title, null, priority, due == null ? null : due.toString(), tags.isEmpty() ? null : tags);
        return from(r, "");
    }

    private AssistantReply list(long userId, String text) {
        String status = "open";
        if (text.matches(".*\\b(completed|done|finished|closed|did i)\\b.*")) {
            status = "completed";
        } else if (text.matches(".*\\b(all|everything|every task)\\b.*")) {
            status = "all";
        }
        String tag = null;
        Matcher tm = Pattern.compile("(?:tagged|tag|#)\\s*#?([\\p{L}\\p{N}_-]+)").matcher(text);
        if (tm.find()) {
            tag = tm.group(1);
        }
        String priority = null;
        Matcher pm = Pattern.compile("\\b(low|medium|high|urgent|important)(?:[- ]priority)?\\b").matcher(text);
        if (pm.find()) {
            priority = priority(pm.group(1));
        }
        String q = null;
        Matcher qm = Pattern.compile("\\b(?:about|with|matching|containing|mentioning|named|called)\\s+\"?([^\"]+?)\"?$").matcher(text);
        if (qm.find() && !qm.group(1).matches("(?:low|medium|high)\\s+priority|tag.*")) {
            q = qm.group(1);
        }
        return from(tools.list(userId, status, q, tag, priority), "");
    }

    /** Finds the one task {@code ref} names (an id, "#3", "task 3", or words of its title) and applies {@code op}. */
    private AssistantReply withTask(long userId, String ref, java.util.function.Function<Task, ToolResult> op) {
        String r = ref == null ? "" : ref.strip();
        r = r.replaceFirst("(?i)^(?:the|my|a|that)\\s+", "").replaceFirst("(?i)^(?:task|todo|to-do|item|number|no\\.?)\\s*", "")
                .replaceFirst("(?i)\\s+(?:task|todo|to-do|item|one)$", "");
        final String name = stripQuotes(r.replaceFirst("^#", "").strip());
        if (name.isEmpty() || name.matches("(?i)it|this|that|them")) {
            return say("Which task? Say its number (\"what's on my list\" shows them) or words from its title.");
        }
        if (name.matches("\\d{1,18}")) {
            long id = Long.parseLong(name);
            Optional<Task> t = find(userId, id);
            if (t.isEmpty()) {
                return say("There is no task #" + id + " in your list. \"what's on my list\" shows your tasks and their numbers.");
            }
            return from(op.apply(t.get()), "");
        }
        List<Task> matches = search(userId, name, "open");
        if (matches.isEmpty()) {
            matches = search(userId, name, "all");
        }
        if (matches.size() > 1) {
            List<Task> exact = matches.stream().filter(t -> t.title().equalsIgnoreCase(name)).toList();
            if (exact.size() == 1) {
                matches = exact;
            }
        }
        if (matches.isEmpty()) {
            return say("I couldn't find a task matching \"" + name + "\". \"what's on my list\" shows your tasks.");
        }
        if (matches.size() > 1) {
            return say("Several tasks match \"" + name + "\": "
                    + matches.stream().limit(5).map(t -> "#" + t.id() + " " + t.title()).collect(Collectors.joining(", "))
                    + ". Which one? Say its number, e.g. \"" + matches.get(0).id() + "\".");
        }
        return from(op.apply(matches.get(0)), "");
    }

    private Optional<Task> find(long userId, long id) {
        try {
            return Optional.of(tasks.get(userId, id));
        } catch (dev.todo.backend.web.ApiException e) {
            return Optional.empty();
        }
    }

    private List<Task> search(long userId, String words, String status) {
        TaskPage page = tasks.list(userId, TaskQuery.parse(status, null, null, words, "created", "asc", 0, 10));
        return page.items();
    }

    private static Optional<LocalDate> date(String phrase) {
        return DatePhrases.parse(phrase, LocalDate.now());
    }

    private static String priority(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "high", "urgent", "urgently", "asap", "important", "top" -> "high";
            case "low" -> "low";
            default -> "medium";
        };
    }

    private static String first(Matcher m) {
        for (int i = 1; i <= m.groupCount(); i++) {
            if (m.group(i) != null) {
                return m.group(i);
            }
        }
        return "";
    }

    private static String stripQuotes(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'")
                || t.startsWith("\u201c") && t.endsWith("\u201d"))) {
            return t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static AssistantReply say(String text) {
        return new AssistantReply(text, List.of());
    }

    private static AssistantReply from(ToolResult r, String suffix) {
        String text = r.error() ? "I couldn't do that: " + r.text() : r.text();
        return new AssistantReply(text + suffix, r.action() == null ? List.of() : List.of(r.action()));
    }
}
