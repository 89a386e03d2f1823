package io.smollama.node.cli;

import io.smollama.common.ChatEvent;
import io.smollama.common.ChatRequest;
import io.smollama.common.NodeApiException;
import io.smollama.common.NodeClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code smollama-node ask "question"}: asks the running agent and prints the answer token by token
 * on stdout as it streams; tool calls and the session id go to stderr, so stdout holds only the
 * answer.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "ask",
        description = {
            "Ask the node's agent a question and stream the answer.",
            "Tool calls are shown on stderr as they happen; continue a conversation with --session."
        })
final class AskCommand implements Callable<Integer> {

    static final int RESULT_PREVIEW = 200;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "the question (several words are joined)")
    List<String> words;

    @Option(names = "--session", paramLabel = "ID", description = "continue this chat session")
    @Nullable
    String session;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "600",
            description = "longest wait for the whole answer (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Mixin
    AgentEndpoint endpoint;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String question = String.join(" ", words).strip();
        if (question.isEmpty() || timeoutSeconds <= 0) {
            err.println("smollama-node: " + (question.isEmpty() ? "the question is empty" : "--timeout must be > 0"));
            return ExitCodes.USAGE;
        }
        NodeClient client = endpoint.client(err, Duration.ofSeconds(5));
        if (client == null) {
            return ExitCodes.CONFIG;
        }
        try (client) {
            ChatEvent last = client.chat(
                    new ChatRequest(session, question),
                    Duration.ofSeconds(timeoutSeconds),
                    event -> show(event, out, err));
            return switch (last.kind()) {
                case "done", "queued" -> ExitCodes.OK;
                default -> ExitCodes.FAILURE;
            };
        } catch (NodeApiException e) {
            err.println("smollama-node: " + endpoint.explain(e));
            return e.unreachable() ? ExitCodes.STATUS_UNREACHABLE : ExitCodes.FAILURE;
        }
    }

    private static void show(ChatEvent e, PrintWriter out, PrintWriter err) {
        switch (e.kind()) {
            case "token" -> {
                out.print(e.text());
                out.flush();
            }
            case "tool_call" -> err.println("[tool] " + e.tool() + " " + e.arguments());
            case "tool_result" ->
                err.println("[tool] " + e.tool() + (e.error() ? " failed: " : " → ") + preview(e.text()));
            case "done" -> {
                out.println();
                err.println("(session " + e.sessionId() + "; continue with --session " + e.sessionId() + ")");
            }
            case "queued" -> {
                out.println(e.text());
                err.println("(session " + e.sessionId() + ")");
            }
            case "error" -> {
                out.flush();
                err.println();
                err.println("smollama-node: " + e.text() + " [" + e.code() + "]");
            }
            default -> {
                // "session" comes first; the id is printed with the last event
            }
        }
        out.flush();
        err.flush();
    }

    private static String preview(@Nullable String text) {
        String t = text == null ? "" : text.replaceAll("\\s+", " ");
        return t.length() <= RESULT_PREVIEW ? t : t.substring(0, RESULT_PREVIEW) + "…";
    }
}
