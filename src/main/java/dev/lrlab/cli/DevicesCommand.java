package dev.lrlab.cli;

import dev.lrlab.device.DeviceReport;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code lrlab devices}: the TensorFlow build, the devices TensorFlow sees (each GPU with its name, memory and compute
 * capability), the GPUs the NVIDIA driver reports and, for the GPU build, which CUDA libraries were found or are
 * missing.
 */
final class DevicesCommand implements Command {
    @Override
    public String name() {
        return "devices";
    }

    @Override
    public String summary() {
        return "list the CPU and GPUs TensorFlow can run on, and the CUDA libraries found";
    }

    @Override
    public String usage() {
        return "";
    }

    @Override
    public Options options() {
        return new Options();
    }

    @Override
    public ExitCode run(CommandLine line, CliContext context) {
        DeviceReport report = DeviceReport.gather();
        report.lines().forEach(context.out()::println);
        context.out().println("choose with --device cpu, gpu:N or auto (the default: the first GPU TensorFlow can use, "
                + "else the CPU)");
        return ExitCode.OK;
    }
}
