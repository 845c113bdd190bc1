/**
 * How far a long run is, told in a log a person reads later (a cron log, a driver log, a training
 * log): {@link dermaseg.progress.ProgressMeter} decides when a line is due and what it says. The
 * Spark jobs feed it from a listener, the trainer from its step loop.
 */
package dermaseg.progress;
