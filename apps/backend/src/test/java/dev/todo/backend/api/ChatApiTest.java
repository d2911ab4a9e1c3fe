package dev.todo.backend.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The built-in offline assistant through POST /api/chat, and the stored conversations. */
@QuarkusTest
class ChatApiTest {

    static JsonPath chat(Api.Account a, String message) {
        return a.as().body(Map.of("message", message)).post("/api/chat").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath onlyTask(Api.Account a) {
        JsonPath list = a.as().get("/api/tasks?status=all").then().statusCode(200).extract().jsonPath();
        assertEquals(1, list.getInt("total"), () -> "expected exactly one task, got " + list.prettify());
        return new JsonPath(list.prettify()).setRootPath("items[0]");
    }

    @Test
    void assistantEndpointSaysOfflineAndHowToEnableTheLlm() {
        Api.signup("info").as().get("/api/assistant").then().statusCode(200)
                .body("mode", equalTo("offline")).body("hint", containsString("AI_API_KEY"));
    }

    @ParameterizedTest(name = "\"{0}\" adds \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "add buy milk|buy milk",
            "Add buy milk.|buy milk",
            "add a task to buy milk|buy milk",
            "please add call the bank|call the bank",
            "new task: water the plants|water the plants",
            "create task pay rent|pay rent",
            "remind me to call mom|call mom",
            "I need to renew my passport|renew my passport",
            "todo fix the bike|fix the bike",
            "add \"read Dune\" to my list|read Dune",
            "put eggs on my list|eggs",
    })
    void addPhrasingsCreateTheTask(String message, String title) {
        Api.Account a = Api.signup("add");
        JsonPath r = chat(a, message);
        JsonPath task = onlyTask(a);
        assertEquals(title, task.getString("title"));
        assertEquals("add_task", r.getString("actions[0].tool"));
        assertEquals(task.getLong("id"), r.getLong("actions[0].taskId"));
        assertTrue(r.getString("reply").contains("Added task #" + task.getLong("id")), r.getString("reply"));
    }

    @Test
    void addUnderstandsDatesPrioritiesAndTags() {
        LocalDate today = LocalDate.now();
        Api.Account a = Api.signup("details");
        chat(a, "add buy milk tomorrow");
        JsonPath t = onlyTask(a);
        assertEquals("buy milk", t.getString("title"));
        assertEquals(today.plusDays(1).toString(), t.getString("dueDate"));

        Api.Account b = Api.signup("details2");
        chat(b, "remind me to call mom on friday #family high priority");
        t = onlyTask(b);
        assertEquals("call mom", t.getString("title"));
        assertEquals(today.with(TemporalAdjusters.next(DayOfWeek.FRIDAY)).toString(), t.getString("dueDate"));
        assertEquals("high", t.getString("priority"));
        assertEquals(List.of("family"), t.getList("tags"));

        Api.Account c = Api.signup("details3");
        chat(c, "add submit taxes by 2031-04-15, urgent");
        t = onlyTask(c);
        assertEquals("submit taxes", t.getString("title"));
        assertEquals("2031-04-15", t.getString("dueDate"));
        assertEquals("high", t.getString("priority"));

        Api.Account d = Api.signup("details4");
        chat(d, "add stretch in 3 days with low priority");
        t = onlyTask(d);
        assertEquals("stretch", t.getString("title"));
        assertEquals(today.plusDays(3).toString(), t.getString("dueDate"));
        assertEquals("low", t.getString("priority"));

        Api.Account e = Api.signup("details5");
        chat(e, "add go to the sunday market");
        t = onlyTask(e);
        assertEquals("go to the sunday market", t.getString("title"));
        assertNull(t.getString("dueDate"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "what's on my list", "What's on my list?", "show my tasks", "list tasks", "my tasks",
            "what do I have to do", "what do i need to do today", "tasks" })
    void listPhrasingsListOpenTasks(String message) {
        Api.Account a = Api.signup("list");
        long milk = Api.createTask(a, Map.of("title", "buy milk"));
        long done = Api.createTask(a, Map.of("title", "old thing"));
        a.as().body(Map.of("completed", true)).patch("/api/tasks/" + done).then().statusCode(200);
        JsonPath r = chat(a, message);
        assertTrue(r.getString("reply").contains("#" + milk + " buy milk"), r.getString("reply"));
        assertFalse(r.getString("reply").contains("old thing"), r.getString("reply"));
        assertEquals("list_tasks", r.getString("actions[0].tool"));
    }

    @Test
    void listCanShowCompletedTasksOrATag() {
        Api.Account a = Api.signup("list2");
        long done = Api.createTask(a, Map.of("title", "finished report"));
        Api.createTask(a, Map.of("title", "gym", "tags", List.of("health")));
        a.as().body(Map.of("completed", true)).patch("/api/tasks/" + done).then().statusCode(200);
        String completed = chat(a, "show completed tasks").getString("reply");
        assertTrue(completed.contains("finished report") && !completed.contains("gym"), completed);
        String tagged = chat(a, "show tasks tagged health").getString("reply");
        assertTrue(tagged.contains("gym") && !tagged.contains("finished report"), tagged);
        assertTrue(chat(Api.signup("empty"), "what's on my list").getString("reply").contains("no open tasks"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "mark {id} as done", "mark task {id} as complete", "complete {id}", "complete task #{id}",
            "done {id}", "I finished {id}", "check off the milk task", "mark buy milk as done", "finish buy milk",
            "buy milk is done", "Mark #{id} done!" })
    void completePhrasingsMarkTheTaskDone(String template) {
        Api.Account a = Api.signup("complete");
        long id = Api.createTask(a, Map.of("title", "buy milk"));
        Api.createTask(a, Map.of("title", "walk the dog"));
        JsonPath r = chat(a, template.replace("{id}", Long.toString(id)));
        assertEquals("complete_task", r.getString("actions[0].tool"), r.getString("reply"));
        assertEquals(id, r.getLong("actions[0].taskId"));
        a.as().get("/api/tasks/" + id).then().body("completed", equalTo(true));
        assertTrue(r.getString("reply").contains("done"), r.getString("reply"));
    }

    @Test
    void reopenMarksATaskNotDone() {
        Api.Account a = Api.signup("reopen");
        long id = Api.createTask(a, Map.of("title", "buy milk"));
        a.as().body(Map.of("completed", true)).patch("/api/tasks/" + id).then().statusCode(200);
        chat(a, "reopen " + id);
        a.as().get("/api/tasks/" + id).then().body("completed", equalTo(false));
        chat(a, "mark buy milk as done");
        chat(a, "mark " + id + " as not done");
        a.as().get("/api/tasks/" + id).then().body("completed", equalTo(false));
    }

    @ParameterizedTest
    @ValueSource(strings = { "delete the milk task", "delete {id}", "delete task {id}", "remove buy milk", "get rid of the milk task",
            "cancel task #{id}" })
    void deletePhrasingsDeleteOnlyThatTask(String template) {
        Api.Account a = Api.signup("delete");
        long id = Api.createTask(a, Map.of("title", "buy milk"));
        long other = Api.createTask(a, Map.of("title", "walk the dog"));
        JsonPath r = chat(a, template.replace("{id}", Long.toString(id)));
        assertEquals("delete_task", r.getString("actions[0].tool"), r.getString("reply"));
        a.as().get("/api/tasks/" + id).then().statusCode(404);
        a.as().get("/api/tasks/" + other).then().statusCode(200);
        assertTrue(r.getString("reply").startsWith("Deleted #" + id), r.getString("reply"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "rename task {id} to call mom", "rename {id} to call mom", "rename the milk task to call mom",
            "change the title of task {id} to call mom", "change task {id} to \"call mom\"", "rename buy milk as call mom" })
    void renamePhrasingsChangeTheTitle(String template) {
        Api.Account a = Api.signup("rename");
        long id = Api.createTask(a, Map.of("title", "buy milk"));
        JsonPath r = chat(a, template.replace("{id}", Long.toString(id)));
        assertEquals("update_task", r.getString("actions[0].tool"), r.getString("reply"));
        a.as().get("/api/tasks/" + id).then().body("title", equalTo("call mom"));
    }

    @Test
    void priorityAndDueDateChanges() {
        Api.Account a = Api.signup("prio");
        long id = Api.createTask(a, Map.of("title", "buy milk"));
        chat(a, "make " + id + " high priority");
        a.as().get("/api/tasks/" + id).then().body("priority", equalTo("high"));
        chat(a, "set the priority of buy milk to low");
        a.as().get("/api/tasks/" + id).then().body("priority", equalTo("low"));
        chat(a, "move task " + id + " to tomorrow");
        a.as().get("/api/tasks/" + id).then().body("dueDate", equalTo(LocalDate.now().plusDays(1).toString()));
        chat(a, "set the due date of " + id + " to 2031-05-01");
        a.as().get("/api/tasks/" + id).then().body("dueDate", equalTo("2031-05-01"));
    }

    @Test
    void ambiguousOrUnknownReferencesAreQuestionsNotGuesses() {
        Api.Account a = Api.signup("ambiguous");
        long milk = Api.createTask(a, Map.of("title", "buy milk"));
        long choc = Api.createTask(a, Map.of("title", "buy milk chocolate"));
        JsonPath r = chat(a, "delete the buy task");
        assertTrue(r.getString("reply").contains("#" + milk) && r.getString("reply").contains("#" + choc), r.getString("reply"));
        assertTrue(r.getList("actions").isEmpty());
        a.as().get("/api/tasks?status=all").then().body("total", equalTo(2));
        // An exact title wins over a longer one.
        chat(a, "delete buy milk");
        a.as().get("/api/tasks/" + milk).then().statusCode(404);
        a.as().get("/api/tasks/" + choc).then().statusCode(200);

        r = chat(a, "complete 987654321");
        assertTrue(r.getString("reply").contains("no task #987654321"), r.getString("reply"));
        r = chat(a, "delete the dentist appointment");
        assertTrue(r.getString("reply").contains("couldn't find"), r.getString("reply"));
    }

    @Test
    void theAssistantCannotTouchAnotherUsersTasks() {
        Api.Account alice = Api.signup("alice");
        Api.Account bob = Api.signup("bob");
        long id = Api.createTask(alice, Map.of("title", "alice's plan"));
        JsonPath r = chat(bob, "delete " + id);
        assertTrue(r.getList("actions").isEmpty());
        assertTrue(chat(bob, "delete alice's plan").getString("reply").contains("couldn't find"));
        assertFalse(chat(bob, "what's on my list").getString("reply").contains("alice"));
        alice.as().get("/api/tasks/" + id).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "what's the weather in Paris", "write me a poem about spring", "tell me a joke",
            "who won the world cup", "translate hello into French", "asdfghjkl" })
    void offTopicRequestsArePolitelyRefusedWithTheLlmHint(String message) {
        Api.Account a = Api.signup("refuse");
        JsonPath r = chat(a, message);
        assertTrue(r.getString("reply").startsWith("Sorry"), r.getString("reply"));
        assertTrue(r.getString("reply").contains("AI_API_KEY"), r.getString("reply"));
        assertTrue(r.getList("actions").isEmpty());
        a.as().get("/api/tasks?status=all").then().body("total", equalTo(0));
    }

    @Test
    void bulkDeletesAreDeclinedAndHelpExplainsTheCommands() {
        Api.Account a = Api.signup("bulk");
        Api.createTask(a, Map.of("title", "keep me"));
        JsonPath r = chat(a, "delete all my tasks");
        assertTrue(r.getString("reply").contains("one task at a time"), r.getString("reply"));
        a.as().get("/api/tasks").then().body("total", equalTo(1));
        String help = chat(a, "help").getString("reply");
        assertTrue(help.contains("add buy milk tomorrow") && help.contains("AI_API_KEY"), help);
        assertTrue(chat(a, "hello").getString("reply").startsWith("Hello"));
    }

    @Test
    void conversationsAndMessagesAreStoredAndScopedToTheirOwner() {
        Api.Account a = Api.signup("conv");
        JsonPath first = chat(a, "add buy milk");
        long conversation = first.getLong("conversationId");
        JsonPath second = a.as().body(Map.of("conversationId", conversation, "message", "what's on my list"))
                .post("/api/chat").then().statusCode(200).extract().jsonPath();
        assertEquals(conversation, second.getLong("conversationId"));
        long otherConversation = chat(a, "hi").getLong("conversationId");

        a.as().get("/api/conversations").then().statusCode(200)
                .body("id", contains((int) otherConversation, (int) conversation))
                .body("[1].title", equalTo("add buy milk"));
        a.as().get("/api/conversations/" + conversation + "/messages").then().statusCode(200)
                .body("$", hasSize(4))
                .body("role", contains("user", "assistant", "user", "assistant"))
                .body("[0].content", equalTo("add buy milk"))
                .body("[0].actions", empty())
                .body("[1].actions[0].tool", equalTo("add_task"))
                .body("[3].actions[0].tool", equalTo("list_tasks"));

        Api.Account intruder = Api.signup("intruder");
        intruder.as().get("/api/conversations/" + conversation + "/messages").then().statusCode(404);
        intruder.as().body(Map.of("conversationId", conversation, "message", "what's on my list")).post("/api/chat")
                .then().statusCode(404);
        intruder.as().get("/api/conversations").then().body("$", empty());
        a.as().get("/api/conversations/987654321/messages").then().statusCode(404);
    }

    @Test
    void chatValidatesTheMessage() {
        Api.Account a = Api.signup("chatval");
        a.as().body(Map.of("message", " ")).post("/api/chat").then().statusCode(400).body("field", equalTo("message"));
        a.as().body(Map.of()).post("/api/chat").then().statusCode(400).body("field", equalTo("message"));
        a.as().body(Map.of("message", "x".repeat(4001))).post("/api/chat").then().statusCode(400).body("field", equalTo("message"));
        given().body(Map.of("message", "hi")).contentType("application/json").post("/api/chat").then().statusCode(401);
    }
}
