/**
 * The evaluation report as people look at it: a static folder that opens in any browser with no
 * server and no network. {@link dermaseg.report.ReportContent} holds what the page shows, already
 * computed by the evaluate job; {@link dermaseg.report.ReportPage} lays it out as polyglot HTML5
 * (so tests can parse it as XML); {@link dermaseg.report.ReportPlots} draws the score
 * distributions with XChart, {@link dermaseg.report.ReportFigures} chooses them and writes their
 * captions; {@link dermaseg.report.Gallery} assembles the gallery's cases;
 * {@link dermaseg.report.Outcome} names what became of an image; {@link dermaseg.report.Html}
 * escapes everything that came from data.
 * No Spark here: the job in {@code dermaseg.spark} gathers the rows and writes the files.
 */
package dermaseg.report;
