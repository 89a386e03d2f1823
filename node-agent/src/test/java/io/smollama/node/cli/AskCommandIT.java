package io.smollama.node.cli;

import static io.smollama.node.testsupport.ScriptedOllama.lastMessageIsToolResult;
import static io.smollama.node.testsupport.ScriptedOllama.text;
import static io.smollama.node.testsupport.ScriptedOllama.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.smollama.node.testsupport.ScriptedOllama;
import io.smollama.node.testsupport.TestNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code smollama-node ask} and {@code models pull} against a node and {@link ScriptedOllama}. */
class AskCommandIT {

    @TempDir
    Path dir;

    @Test
    void askStreamsTheAnswerToStdoutAndShowsToolCallsOnStderr() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start();
                TestNode node = TestNode.start(dir, "ollama:\n  url: " + ollama.url() + "\n")) {
            ollama.reply(toolCall("list_sources", "{}"))
                    .replyWhen(lastMessageIsToolResult(), text("You have sensors."));
            String c = cliConfig(node);
            Cli.Run run = Cli.execute("ask", "-c", c, "What", "sensors", "do", "I", "have?");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).isEqualTo("You have sensors." + System.lineSeparator());
            assertThat(run.err()).contains("[tool] list_sources {}").contains("[tool] list_sources → [");
            assertThat(run.err()).contains("continue with --session ");
            String session = run.err().replaceAll("(?s).*--session (\\S+)\\).*", "$1");

            ollama.reply(text("Still the same."));
            Cli.Run again = Cli.execute("ask", "-c", c, "--session", session, "And now?");
            assertThat(again.exitCode()).isZero();
            assertThat(node.client().chatTranscript(session).messages()).hasSize(5);
        }
    }

    @Test
    void askSaysWhyWhenTheLlmIsDownAndExitsOne() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start();
                TestNode node = TestNode.start(dir, "ollama:\n  url: " + ollama.url() + "\nagent:\n  retries: 0\n")) {
            ollama.down();
            Cli.Run run = Cli.execute("ask", "-c", cliConfig(node), "Hello?");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("cannot answer right now").contains("[llm_unavailable]");
        }
    }

    @Test
    void askWithUrlAndNoTokenSaysWhereTheCliTakesTheToken() throws Exception {
        try (TestNode node = TestNode.start(dir, "")) {
            Cli.Run run = Cli.execute(
                    "ask", "--url", "http://127.0.0.1:" + node.agent().port(), "Hello?");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("needs the node's API token").contains("SMOLLAMA_TOKEN");
        }
    }

    @Test
    void modelsPullPullsTheChatModelAndTheEmbeddingModelWhenEmbeddingsUseOllama() throws Exception {
        try (ScriptedOllama ollama = ScriptedOllama.start()) {
            ollama.models();
            Path config = Cli.config(dir, """
                    storage:
                      path: %s
                    ollama:
                      url: %s
                      model: qwen2.5:1.5b
                    memory:
                      embedder: ollama
                    """.formatted(dir.resolve("data"), ollama.url()));
            Cli.Run run = Cli.execute("models", "pull", "-c", config.toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains("pulling qwen2.5:1.5b from " + ollama.url())
                    .contains("50%")
                    .contains("qwen2.5:1.5b is ready")
                    .contains("all-minilm:l6-v2 is ready");
            assertThat(ollama.requests())
                    .filteredOn(r -> r.path().equals("/api/pull"))
                    .hasSize(2);

            Path missing = Cli.config(dir.resolve("b"), """
                    storage:
                      path: %s
                    ollama:
                      url: %s
                      model: missing-model
                    """.formatted(dir.resolve("b/data"), ollama.url()));
            Cli.Run failed = Cli.execute("models", "pull", "-c", missing.toString());
            assertThat(failed.exitCode()).isEqualTo(1);
            assertThat(failed.err()).contains("file does not exist");
        }
    }

    /** A configuration that points the CLI at the running test node, with its token. */
    private String cliConfig(TestNode node) {
        return Cli.config(
                        dir.resolve("cli"), """
                        http:
                          port: %d
                          token: %s
                        storage:
                          path: %s
                        """.formatted(node.agent().port(), TestNode.TOKEN, dir.resolve("cli/data")))
                .toString();
    }
}
