package dev.blocksmith.editor.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blocksmith.engine.spi.ParamSpec;
import javax.swing.JComponent;

/**
 * One param's widget: shows a value and reports edits as JSON.
 *
 * @param spec the param
 * @param component the widget to place in the form
 * @param setter shows a value in the widget without reporting it
 */
record ParamField(
    ParamSpec spec, JComponent component, java.util.function.Consumer<JsonNode> setter) {}
