package io.smollama.desktop.dashboard;

import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * One pinned source: source and node, the latest value with its unit, a sparkline and the age. The
 * source comes first so that a long name clips the node, not the source; the tooltip has both.
 */
final class TileView extends VBox {

    private final Label title = new Label();
    private final Tooltip fullTitle = new Tooltip();
    private final Label value = new Label();
    private final Label unit = new Label();
    private final Label age = new Label();
    private final Canvas spark = new Canvas(180, 36);

    TileView() {
        getStyleClass().add("tile");
        title.getStyleClass().add("tile-title");
        title.setTooltip(fullTitle);
        value.getStyleClass().add("tile-value");
        unit.getStyleClass().add("tile-unit");
        age.getStyleClass().add("tile-age");
        HBox reading = new HBox(6, value, unit);
        reading.setAlignment(Pos.BASELINE_LEFT);
        getChildren().addAll(title, reading, spark, age);
        setSpacing(4);
    }

    void show(Tile t) {
        title.setText(t.key().source() + " · " + t.key().node());
        fullTitle.setText(t.key().source() + " on " + t.key().node());
        value.setText(t.value());
        unit.setText(t.unit());
        age.setText(t.age());
        age.getStyleClass().removeAll("fresh", "late", "stale");
        age.getStyleClass().add(t.staleness().name().toLowerCase(java.util.Locale.ROOT));
        draw(t.trail());
    }

    private void draw(double[] trail) {
        GraphicsContext g = spark.getGraphicsContext2D();
        double w = spark.getWidth();
        double h = spark.getHeight();
        g.clearRect(0, 0, w, h);
        if (trail.length < 2) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : trail) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double span = max - min == 0 ? 1 : max - min;
        Color stroke = value.getTextFill() instanceof Color c ? c : Color.GRAY;
        g.setStroke(stroke.deriveColor(0, 1, 1, 0.8));
        g.setLineWidth(1.5);
        g.beginPath();
        for (int i = 0; i < trail.length; i++) {
            double x = i * (w - 2) / (trail.length - 1) + 1;
            double y = h - 2 - (trail[i] - min) / span * (h - 4);
            if (i == 0) {
                g.moveTo(x, y);
            } else {
                g.lineTo(x, y);
            }
        }
        g.stroke();
    }
}
