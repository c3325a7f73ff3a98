package dev.lrlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lrlab.LrlabException;
import dev.lrlab.model.LoadMode;
import dev.lrlab.model.ModelDescription;
import dev.lrlab.model.SavedModel;
import dev.lrlab.run.CompileSettings;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code lrlab inspect MODEL_DIR [--json]}: signatures, variables, what is trainable, the model's kind. */
final class InspectCommand implements Command {
    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "show a SavedModel's signatures, variables and what lrlab can train";
    }

    @Override
    public String usage() {
        return "MODEL_DIR [--json] [--training-mode] [--sequence-length T] [--max-unroll N]";
    }

    @Override
    public Options options() {
        return RunOptions.addUnrollOptions(new Options()
                .addOption(Option.builder().longOpt("json").desc("print JSON for machines").build())
                .addOption(Option.builder().longOpt("training-mode").desc("load as train --training-mode does: through "
                        + "the Keras training-mode call, or a TF1 Keras graph's learning phase set to training").build()));
    }

    @Override
    public ExitCode run(CommandLine line, CliContext context) {
        LoadMode mode = line.hasOption("training-mode") ? LoadMode.TRAINING : LoadMode.INFERENCE;
        try (SavedModel model = SavedModel.load(Arguments.positionalPath(line, "MODEL_DIR"), mode,
                RunOptions.unroll(line))) {
            java.util.Map<String, java.util.Map<String, String>> columns = new java.util.HashMap<>();
            for (dev.lrlab.model.SignatureSpec signature : model.signatures()) {
                columns.put(signature.key(), dev.lrlab.train.InputBinding.describeColumns(signature.inputs(),
                        model::exampleFeatures));
            }
            ModelDescription description = ModelDescription.of(model).withInputColumns(columns);
            CompileSettings compile = CompileSettings.ofModel(model.directory());
            if (line.hasOption("json")) {
                try {
                    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                    ObjectNode json = mapper.valueToTree(description);
                    json.set("compile_settings", mapper.valueToTree(compile.toMap(Optional.empty(), Optional.empty())));
                    context.out().println(Flags.inFlags(mapper.writeValueAsString(json)));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new LrlabException(LrlabException.Kind.INTERNAL, "cannot write JSON: " + e.getMessage(), e);
                }
            } else {
                context.out().print(Flags.inFlags(description.toText()));
                context.out().print('\n' + compile.toText());
            }
            return ExitCode.OK;
        }
    }
}
