package io.smollama.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** An {@link AgentTool} made of its parts and a function; how the built-in tools are written. */
record FunctionTool(String name, String description, List<ToolParameter> parameters, Body body) implements AgentTool {

    /** The tool's work. */
    @FunctionalInterface
    interface Body {
        String run(JsonNode arguments) throws Exception;
    }

    FunctionTool {
        parameters = List.copyOf(parameters);
    }

    @Override
    public String execute(JsonNode arguments) throws Exception {
        return body.run(arguments);
    }
}
