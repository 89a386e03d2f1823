package io.smollama.desktop.service;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the console remembers between runs: window bounds, the last screen and node, the nodes added
 * by URL, the dashboard's series, pinned sources and time range, and the theme. Series and pins are
 * keys {@code node|type:id} (the node's name, which survives an address change). Read and changed on
 * the FX thread; saved by {@link LayoutStore}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class ConsoleLayout {

    public double x = Double.NaN;
    public double y = Double.NaN;
    public double width = 1200;
    public double height = 780;
    public boolean maximized;
    public @Nullable String screen;
    public @Nullable String selectedNode;
    public boolean dark;
    public List<String> nodes = new ArrayList<>();
    public @Nullable List<String> series;
    public List<String> pinned = new ArrayList<>();
    public String range = "LIVE_5M";
}
