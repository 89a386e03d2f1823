package io.smollama.desktop.readings;

import io.smollama.desktop.Screen;
import java.time.Clock;
import java.util.Comparator;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/** Every source of every node in one table: node, source, type, value, unit, age; Ctrl+F filters. */
public final class ReadingsScreen implements Screen {

    private final ReadingsViewModel model;
    private final Clock clock;
    private final BorderPane root = new BorderPane();
    private final TableView<ReadingRow> table = new TableView<>();
    private final Timeline ticker;

    public ReadingsScreen(ReadingsViewModel model, Clock clock) {
        this.model = model;
        this.clock = clock;
        TextField search = new TextField();
        search.setId("search");
        search.setPromptText("Filter: node, source, type or unit (Ctrl+F)");
        search.textProperty().bindBidirectional(model.filter());
        HBox.setHgrow(search, Priority.ALWAYS);
        Label count = new Label();
        count.getStyleClass().add("text-muted");
        count.textProperty()
                .bind(javafx.beans.binding.Bindings.size(model.rows()).asString("%d sources"));
        HBox bar = new HBox(8, search, count);
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));

        table.setId("readings-table");
        table.getColumns().add(column("Node", ReadingRow::node, 140));
        table.getColumns().add(column("Source", ReadingRow::source, 220));
        table.getColumns().add(column("Type", ReadingRow::type, 90));
        TableColumn<ReadingRow, String> value = column("Value", ReadingRow::value, 110);
        value.setStyle("-fx-alignment: CENTER-RIGHT;");
        value.setComparator(Comparator.comparingDouble(ReadingsScreen::numeric));
        table.getColumns().add(value);
        table.getColumns().add(column("Unit", ReadingRow::unit, 70));
        TableColumn<ReadingRow, Long> age = new TableColumn<>("Age");
        age.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().ageSeconds()));
        age.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                ReadingRow row = empty ? null : getTableRow().getItem();
                setText(row == null ? null : row.age());
            }
        });
        age.setPrefWidth(110);
        table.getColumns().add(age);
        table.setPlaceholder(new Label("No readings yet: add a node on the Nodes screen (Ctrl+6)."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        SortedList<ReadingRow> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);

        root.setTop(bar);
        root.setCenter(table);
        BorderPane.setMargin(table, new Insets(0, 12, 12, 12));
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> model.refresh(clock.instant())));
        ticker.setCycleCount(Timeline.INDEFINITE);
    }

    public ReadingsViewModel model() {
        return model;
    }

    @Override
    public String title() {
        return "Readings";
    }

    @Override
    public Parent view() {
        return root;
    }

    @Override
    public void shown() {
        model.refresh(clock.instant());
        ticker.play();
    }

    @Override
    public void hidden() {
        ticker.pause();
    }

    private static TableColumn<ReadingRow, String> column(
            String title, Function<ReadingRow, String> get, double width) {
        TableColumn<ReadingRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(get.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static double numeric(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NEGATIVE_INFINITY;
        }
    }
}
