/**
 * Where TensorFlow runs a run's graph: the device a user asks for ({@link dev.lrlab.device.ComputeDevice}: cpu, gpu,
 * gpu:N or auto), the session settings that place the graph there ({@link dev.lrlab.device.DevicePlacement}: the
 * other GPUs hidden, memory grown as needed instead of taken whole), the check that the device is usable before a
 * model loads ({@link dev.lrlab.device.DeviceCheck}, one-line errors naming the missing driver or library), and what
 * the machine offers ({@link dev.lrlab.device.DeviceReport}: the devices TensorFlow sees, the GPUs the NVIDIA driver
 * reports, the CUDA libraries found on the library path).
 *
 * <p>Limits: one GPU per process. TensorFlow maps the GPUs a session may see onto its own device numbers once per
 * process, so every session in a process is placed on the same GPU. A search spreads its trials over several GPUs
 * with one worker process per GPU ({@link dev.lrlab.device.DeviceSpread}: trial k on GPU k mod G). Only NVIDIA GPUs
 * with TensorFlow's CUDA build (Linux x86-64) are supported.
 */
package dev.lrlab.device;
