/**
 * What every dermaseg command line has in common, the Spark jobs' and the single-machine
 * commands' alike: usage errors in two lines that name the program as the user typed it
 * ({@link dermaseg.commandline.UsageErrors}, {@link dermaseg.commandline.ProgramName}), failures
 * in one ({@link dermaseg.commandline.OneLineFailures}), the exit codes
 * ({@link dermaseg.commandline.ExitCodes}), the version banner
 * ({@link dermaseg.commandline.VersionProvider}), and the option groups that both kinds of command
 * take, declared once as picocli mixins ({@link dermaseg.commandline.ModelChoice},
 * {@link dermaseg.commandline.ImageLimitOptions}, {@link dermaseg.commandline.FusionWeightOption}).
 * Option groups only the Spark jobs share live beside them, in {@code dermaseg.spark}.
 */
package dermaseg.commandline;
