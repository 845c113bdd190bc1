/**
 * How models are chosen: by devices they never saw. {@link dermaseg.selection.DeviceGroups} reads
 * each pair's camera from the original frame size its manifest records;
 * {@link dermaseg.selection.DeviceFolds} holds out one device group per fold and splits the rest
 * into the pairs a network learns from and the inner validation part that picks its epoch, tunes
 * its fusion ({@link dermaseg.selection.SettingsSweep}, the search {@code tune} runs too) and fits
 * its uncertainty; {@link dermaseg.selection.CrossDeviceValidation} runs every candidate recipe
 * through every fold, resumably, and scores the held-out device, plain and under the
 * {@link dermaseg.selection.StressSet}'s changes; {@link dermaseg.selection.CrossDeviceReport}
 * turns the files it leaves into the tables that the README and the model card quote. It trains
 * ({@link dermaseg.train}), so, like that package, nothing that runs on executors refers to it.
 */
package dermaseg.selection;
