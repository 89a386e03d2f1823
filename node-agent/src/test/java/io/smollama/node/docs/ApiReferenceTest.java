package io.smollama.node.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiReferenceTest {

    private static final String DOC = """
            openapi: 3.0.3
            info: {title: Test API, version: "1", description: "Send Bearer <token>."}
            paths:
              /open:
                get: {summary: Open to all, security: [], responses: {"200": {description: ok}}}
              /things/{id}:
                get:
                  summary: "One thing. Needs nothing else"
                  parameters:
                    - {name: id, in: path, required: true, schema: {type: string}, example: "a:b"}
                    - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100, default: 20}}
                  responses:
                    "200": {description: the thing, content: {application/json: {schema: {$ref: "#/components/schemas/Thing"}}}}
                    "404": {description: "no | such thing"}
                delete:
                  summary: Remove it
                  security: [{bearer: []}]
                  responses: {"200": {description: removed}}
              /search:
                post: {summary: A read with a body, x-auth: read, responses: {"200": {description: hits}}}
            components:
              schemas:
                Thing:
                  type: object
                  required: [id]
                  properties:
                    id: {type: string}
                    tags: {type: array, items: {type: string, enum: [a, b]}}
            """;

    private final String md = ApiReference.markdown(DOC);

    @Test
    void everyOperationIsListedWithWhoMayCallIt() {
        assertThat(md)
                .contains("| GET | [`/open`](#get-open) | open | Open to all |")
                .contains("| GET | [`/things/{id}`](#get-thingsid) | read | One thing. |")
                .contains("| DELETE | [`/things/{id}`](#delete-thingsid) | token | Remove it |")
                .contains("| POST | [`/search`](#post-search) | read | A read with a body |");
    }

    @Test
    void parametersResponsesAndSchemasAreTables() {
        assertThat(md)
                .contains("| `id` | path | string | yes | example `a:b` |")
                .contains("| `limit` | query | integer (min 1, max 100, default 20) | no |  |")
                .contains("| 200 | the thing | `application/json` [Thing](#thing) |")
                .contains("| 404 | no \\| such thing |  |")
                .contains("### Thing")
                .contains("| `id` (required) | string |  |")
                .contains("| `tags` | array of string: a, b |  |");
    }

    @Test
    void angleBracketsOutsideCodeAreShownNotTakenForHtml() {
        assertThat(md).contains("Send Bearer &lt;token&gt;.");
        assertThat(Markdown.text("`<keep>` and <escape>")).isEqualTo("`<keep>` and &lt;escape&gt;");
    }

    @Test
    void anchorsFollowGithubHeadingIds() {
        assertThat(ApiReference.anchor("GET /api/readings/{sourceId}/history"))
                .isEqualTo("get-apireadingssourceidhistory");
        assertThat(ApiReference.type(Map.of("$ref", "#/components/schemas/RecallHit")))
                .isEqualTo("[RecallHit](#recallhit)");
    }
}
