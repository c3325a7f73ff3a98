package dev.lrlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lrlab.run.RunSpec;
import dev.lrlab.search.SearchConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;
import org.junit.jupiter.api.Test;

class SearchRecipeTest {
    private static CommandLine line(String... args) throws ParseException {
        return new DefaultParser().parse(new SearchCommand().options(), args, false);
    }

    @Test
    void keepsTheTrialOptionsWithAbsoluteDataAndDropsWhereTheSearchRunsAndWrites() throws ParseException {
        SearchRecipe recipe = SearchRecipe.of(line("models/digits-mlp", "--data", "data-samples/digits.csv", "--label",
                "label", "--engine", "spark", "--master", "local[2]", "--out-dir", "runs/x", "--force", "--from", "1e-4",
                "--no-shuffle"));
        assertEquals(List.of("--data", Path.of("data-samples/digits.csv").toAbsolutePath().toString(), "--label", "label",
                "--from", "1e-4", "--no-shuffle"), recipe.arguments());
    }

    @Test
    void aDeserializedRecipeMakesTheSearchsSpecAndSettingsForAnotherModelPath() throws Exception {
        CommandLine line = line("models/digits-mlp", "--data", "data-samples/digits.csv", "--label", "label",
                "--steps-per-trial", "60", "--batch-size", "16", "--seed", "7", "--metric", "loss");
        SearchRecipe recipe = roundTrip(SearchRecipe.of(line));
        Path copy = Path.of("models/digits-mlp").toAbsolutePath();
        RunSpec spec = recipe.spec(copy);
        RunSpec driver = RunOptions.spec(line, dev.lrlab.train.OptimizerKind.SGD);
        assertEquals(copy, spec.model());
        assertEquals(Path.of("data-samples/digits.csv").toAbsolutePath(), spec.data().data());
        assertEquals(driver.batchSize(), spec.batchSize());
        assertEquals(7, spec.seed());
        assertEquals(driver.optimizer(), spec.optimizer());
        SearchConfig config = recipe.config(spec);
        assertEquals(SearchCommand.config(line).toBuilder().optMomentum(driver.compile().momentum().value()).build(),
                config);
        assertEquals(60, config.stepsPerTrial());
    }

    private static SearchRecipe roundTrip(SearchRecipe recipe) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(recipe);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (SearchRecipe) in.readObject();
        }
    }
}
