package io.smollama.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A capability the agent's model may call: readings, memory, actuators, and (from other packages)
 * MQTT or cluster tools, without importing LangChain4j. The description is text for the model: say
 * what the tool does with verbs, name units and allowed values.
 *
 * <p>{@link #execute} receives arguments already checked against {@link #parameters()} (required
 * ones present, types and allowed values right, no unknown ones). Whatever it returns goes back to
 * the model as the tool's result; whatever it throws goes back as an error result, with the
 * exception's message, so a failing tool never ends the conversation.
 */
public interface AgentTool {

    /** A name the model calls the tool by: lower case letters, digits and underscores. */
    String name();

    /** What the tool does, for the model. */
    String description();

    /** The parameters, in order; rendered as a JSON schema object for the model. */
    List<ToolParameter> parameters();

    /** Runs the tool; the result is text for the model (often JSON). */
    String execute(JsonNode arguments) throws Exception;
}
