package dev.lrlab.run;

import dev.lrlab.data.Dataset;
import dev.lrlab.data.TextColumn;
import dev.lrlab.train.ColumnText;
import dev.lrlab.train.FeatureColumns;
import java.util.HashMap;
import java.util.Map;

/** Describes a dataset's feature columns for the step engine: names, and the text of columns read as text. */
final class FeedColumns {
    private FeedColumns() {
    }

    /** @return the dataset's columns, each text column with the lines where its values first appear */
    static FeatureColumns of(Dataset dataset) {
        Map<String, ColumnText> text = new HashMap<>();
        for (Map.Entry<String, TextColumn> column : dataset.textColumns().entrySet()) {
            TextColumn values = column.getValue();
            text.put(column.getKey(), new ColumnText(column.getKey(), values.values(), dataset.source(), values.firstLines()));
        }
        return new FeatureColumns(dataset.featureNames(), text);
    }
}
