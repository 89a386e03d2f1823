package io.smollama.desktop.service;

import javafx.beans.value.ObservableValue;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The nodes the console knows (discovered over mDNS or added by URL) and the one the operator has
 * selected. Read and changed on the FX thread only.
 */
public interface ConsoleNodes {

    ObservableList<NodeHandle> nodes();

    ObservableValue<@Nullable NodeHandle> selected();

    /** The hub, when one is known: cross-node views (memory search) go through its cluster API. */
    ObservableValue<@Nullable NodeHandle> hub();
}
