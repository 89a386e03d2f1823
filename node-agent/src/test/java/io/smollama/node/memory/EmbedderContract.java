package io.smollama.node.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link Embedder} guarantees; each implementation's test extends this. */
abstract class EmbedderContract {

    /** The embedder under test, ready to embed. */
    abstract Embedder embedder();

    @Test
    void eachTextBecomesOneUnitVectorOfTheSameDimensions() {
        List<float[]> vs = embedder().embed(List.of("The fan is on", "Humidity is 40 percent", "Door opened"));

        assertThat(vs).hasSize(3);
        for (float[] v : vs) {
            assertThat(v.length).isEqualTo(vs.getFirst().length).isGreaterThan(0);
            assertThat(Vectors.dot(v, v)).isCloseTo(1.0, within(1e-4));
        }
        assertThat(embedder().dimensions()).isEqualTo(vs.getFirst().length);
    }

    @Test
    void aBatchGivesTheSameVectorsInTheSameOrderAsSingleCalls() {
        List<float[]> batch = embedder().embed(List.of("soil is dry", "the sun is up"));
        float[] first = embedder().embed(List.of("soil is dry")).getFirst();
        float[] second = embedder().embed(List.of("the sun is up")).getFirst();

        assertThat(Vectors.dot(batch.get(0), first)).isGreaterThan(0.999);
        assertThat(Vectors.dot(batch.get(1), second)).isGreaterThan(0.999);
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        List<float[]> vs = embedder()
                .embed(List.of("The room is too warm", "It is hot in this room", "The invoice was paid on Tuesday"));

        assertThat(Vectors.dot(vs.get(0), vs.get(1))).isGreaterThan(Vectors.dot(vs.get(0), vs.get(2)) + 0.3);
    }

    @Test
    void noTextsGiveNoVectors() {
        assertThat(embedder().embed(List.of())).isEmpty();
    }

    @Test
    void aReadyEmbedderSaysSoAndNamesItsModel() {
        embedder().embed(List.of("warm up"));

        assertThat(embedder().state().phase()).isEqualTo(Embedder.EmbedderState.Phase.READY);
        assertThat(embedder().model()).isNotBlank();
    }
}
