package io.smollama.desktop.memory;

import io.smollama.common.Memory;
import io.smollama.common.Observation;
import io.smollama.common.RecallHit;
import io.smollama.desktop.service.Background;
import io.smollama.desktop.service.ConsoleNodes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javafx.scene.Parent;

/** A Memory view with search results put into its view-model, for looking at how it draws. */
public final class MemoryPreview {

    private MemoryPreview() {}

    public static Parent results(ConsoleNodes nodes, Background bg) {
        MemoryViewModel model = new MemoryViewModel(nodes, bg, Clock.systemDefaultZone());
        MemoryView view = new MemoryView(model);
        Instant now = Instant.now();
        model.queryProperty().set("greenhouse temperature");
        model.results()
                .setAll(List.of(
                        MemoryHit.of(
                                RecallHit.of(
                                        new Memory(
                                                "m-1",
                                                "pi-greenhouse",
                                                "Keep the greenhouse below 28 °C for the seedlings",
                                                0.9,
                                                3,
                                                true,
                                                now.minusSeconds(7200),
                                                now.minusSeconds(3600),
                                                null),
                                        0.82,
                                        0.78),
                                "pi-greenhouse"),
                        MemoryHit.of(
                                RecallHit.of(
                                        new Observation(
                                                "o-1",
                                                "pi-greenhouse",
                                                "anomaly",
                                                "Temperature rose 4 °C in 20 minutes after the vent closed",
                                                0.74,
                                                List.of("simulated:temperature"),
                                                "llm",
                                                now.minusSeconds(900),
                                                now.minusSeconds(600),
                                                2,
                                                null),
                                        0.71,
                                        0.66),
                                "pi-greenhouse"),
                        MemoryHit.of(
                                RecallHit.of(
                                        new Observation(
                                                "o-2",
                                                "pi-shed",
                                                "pattern",
                                                "Shed temperature follows the outdoor curve with a 30 minute lag",
                                                0.6,
                                                List.of(),
                                                "statistics",
                                                now.minusSeconds(86_400),
                                                now.minusSeconds(80_000),
                                                5,
                                                null),
                                        0.44,
                                        null),
                                "pi-shed")));
        model.requestForget(model.results().getFirst());
        return view;
    }
}
