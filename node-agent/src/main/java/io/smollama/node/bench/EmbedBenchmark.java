package io.smollama.node.bench;

import io.smollama.node.memory.LocalEmbedder;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * In-process embedding throughput (all-MiniLM-L6-v2, on the calling thread): model load time, then
 * sentences embedded one per call and in batches of 32. Sentences are the sensor sentences of
 * {@link SyntheticCorpus} (10–15 words, like real observations).
 */
public final class EmbedBenchmark {

    public record Options(Path cacheDir, int sentences, int batch) {
        public static Options defaults(Path cacheDir) {
            return new Options(cacheDir, 320, 32);
        }
    }

    private final Options options;

    public EmbedBenchmark(Options options) {
        this.options = options;
    }

    public void run(PrintStream out) {
        long t0 = System.nanoTime();
        LocalEmbedder e = LocalEmbedder.start(options.cacheDir());
        e.awaitLoaded();
        out.printf("embed.load_time: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        SyntheticCorpus corpus = new SyntheticCorpus(1);
        SplittableRandom r = new SplittableRandom(3);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < options.sentences(); i++) {
            texts.add(corpus.text(r, r.nextInt(SyntheticCorpus.TOPICS)));
        }
        for (int i = 0; i < 32; i++) {
            e.embed(List.of(texts.get(i))); // warm-up
        }
        long s0 = System.nanoTime();
        for (String t : texts) {
            e.embed(List.of(t));
        }
        double single = (System.nanoTime() - s0) / 1e9;
        long b0 = System.nanoTime();
        for (int i = 0; i < texts.size(); i += options.batch()) {
            e.embed(texts.subList(i, Math.min(texts.size(), i + options.batch())));
        }
        double batched = (System.nanoTime() - b0) / 1e9;
        out.printf("embed.single: %.0f embeddings/s%n", texts.size() / single);
        out.printf("embed.single_latency: %.2f ms%n", single * 1000 / texts.size());
        out.printf("embed.batched_%d: %.0f embeddings/s%n", options.batch(), texts.size() / batched);
    }
}
