package dermaseg.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Text and keys drawn into figures, so that a figure PNG explains itself when opened on its own:
 * a title band above a panel, and below it a band with a colour bar (for maps in viridis, as
 * {@link Overlay#heatMap} draws them) or a legend of outline colours. Bands are white, text dark
 * grey, in OpenCV's Hershey font, sized to the panel's width; the font has ASCII only, so other
 * characters are drawn as {@code ?}. Every method draws on a new image.
 */
public final class Annotations {
    /** BGR of the bands and of the text on them. */
    public static final Scalar BACKGROUND = new Scalar(255, 255, 255);
    public static final Scalar TEXT = new Scalar(40, 40, 40);
    private static final int FONT = Imgproc.FONT_HERSHEY_SIMPLEX;

    private Annotations() {
    }

    /** An outline colour and what it marks, for {@link #legend}. */
    public record LegendEntry(Scalar colour, String label) {
        public LegendEntry {
            Objects.requireNonNull(colour, "colour");
            Objects.requireNonNull(label, "label");
        }
    }

    /** Height of a title or key band for a panel {@code width} pixels wide: readable at any panel size. */
    public static int bandHeight(int width) {
        return Math.max(18, (int) Math.round(width / 10.0));
    }

    /** {@code panel} with {@code title} in a band above and {@code footer} (as wide as the panel) below. */
    public static MatHandle titled(Mat panel, String title, Mat footer) {
        requireBgr(panel);
        requireBgr(footer);
        if (footer.cols() != panel.cols()) {
            throw new IllegalArgumentException("footer is " + footer.cols() + " wide, panel " + panel.cols());
        }
        try (MatHandle band = banner(title, panel.cols())) {
            return stack(List.of(band.mat(), panel, footer));
        }
    }

    /** A band {@code width} wide with {@code text} on it, left-aligned, cut short with ".." if it does not fit. */
    public static MatHandle banner(String text, int width) {
        return banner(text, width, bandHeight(width));
    }

    /** {@link #banner(String, int)} of a given height: a figure's heading, as tall as its panels' titles. */
    public static MatHandle banner(String text, int width, int height) {
        return MatHandle.filled(out -> {
            blankInto(out, width, height);
            double scale = fontScale(height);
            int margin = Math.max(2, height / 4);
            String fitted = fit(text, width - 2 * margin, scale);
            Imgproc.putText(out, fitted, new Point(margin, baseline(height, scale)), FONT, scale, TEXT,
                    thickness(scale), Imgproc.LINE_AA);
        });
    }

    /** An empty band {@code width} wide, for panels that need no key. */
    public static MatHandle blank(int width) {
        return MatHandle.filled(out -> blankInto(out, width, bandHeight(width)));
    }

    /**
     * A band {@code width} wide with the viridis colour bar from 0 (left end) to 1 (right end),
     * a tick and its label under each end.
     */
    public static MatHandle colourBar(int width) {
        int height = bandHeight(width);
        int x0 = barStart(width);
        int x1 = barEnd(width);
        int top = Math.max(1, height / 10);
        int barHeight = Math.max(3, (int) Math.round(height * 0.3));
        double scale = fontScale(height) * 0.85;
        try (MatHandle ramp = MatHandle.of(new Mat(1, x1 - x0 + 1, CvType.CV_8UC1));
                MatHandle coloured = MatHandle.empty(); MatHandle bar = MatHandle.empty()) {
            byte[] levels = new byte[x1 - x0 + 1];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = (byte) Math.round(255.0 * i / (levels.length - 1));
            }
            ramp.mat().put(0, 0, levels);
            Imgproc.applyColorMap(ramp.mat(), coloured.mat(), Imgproc.COLORMAP_VIRIDIS);
            Imgproc.resize(coloured.mat(), bar.mat(), new Size(levels.length, barHeight), 0, 0, Imgproc.INTER_NEAREST);
            return MatHandle.filled(out -> {
                blankInto(out, width, height);
                try (MatHandle slot = MatHandle.of(out.submat(new Rect(x0, top, levels.length, barHeight)))) {
                    bar.mat().copyTo(slot.mat());
                }
                int tickEnd = top + barHeight + Math.max(2, height / 12);
                int labelBaseline = Math.min(height - 2, baseline(height, scale) + height / 5);
                for (int x : new int[] {x0, x1}) {
                    Imgproc.line(out, new Point(x, top + barHeight), new Point(x, tickEnd), TEXT, 1);
                    String label = x == x0 ? "0" : "1";
                    int w = textWidth(label, scale);
                    Imgproc.putText(out, label, new Point(x - w / 2.0, labelBaseline), FONT, scale, TEXT,
                            thickness(scale), Imgproc.LINE_AA);
                }
            });
        }
    }

    /** The first and last column of {@link #colourBar}'s gradient, which shows 0 and 1. */
    public static int barStart(int width) {
        return Math.max(1, width / 8);
    }

    public static int barEnd(int width) {
        return width - 1 - barStart(width);
    }

    /** A band {@code width} wide with a short line in each entry's colour followed by its label. */
    public static MatHandle legend(List<LegendEntry> entries, int width) {
        int height = bandHeight(width);
        // Smaller than a title: two entries must fit under the narrowest useful panel.
        double scale = fontScale(height) * 0.75;
        int margin = Math.max(2, height / 5);
        int swatch = Math.max(8, 2 * height / 3);
        int y = height / 2;
        return MatHandle.filled(out -> {
            blankInto(out, width, height);
            int x = margin;
            for (LegendEntry e : entries) {
                Imgproc.line(out, new Point(x, y), new Point(x + swatch, y), e.colour(), Math.max(2, height / 6));
                x += swatch + margin;
                String label = fit(e.label(), width - x - margin, scale);
                Imgproc.putText(out, label, new Point(x, y + textHeight(scale) / 2.0), FONT, scale, TEXT,
                        thickness(scale), Imgproc.LINE_AA);
                x += textWidth(label, scale) + 2 * margin;
            }
        });
    }

    /** Images of one width, top to bottom. */
    public static MatHandle stack(List<Mat> parts) {
        List<Mat> list = new ArrayList<>(parts);
        return MatHandle.filled(out -> Core.vconcat(list, out));
    }

    private static void blankInto(Mat out, int width, int height) {
        out.create(height, width, CvType.CV_8UC3);
        out.setTo(BACKGROUND);
    }

    /** A font scale whose capitals fill about half a band. */
    private static double fontScale(int bandHeight) {
        return 0.5 * bandHeight / textHeight(1.0);
    }

    private static int baseline(int bandHeight, double scale) {
        return (int) Math.round((bandHeight + textHeight(scale)) / 2.0);
    }

    private static int thickness(double scale) {
        return scale >= 0.9 ? 2 : 1;
    }

    private static int textHeight(double scale) {
        int[] base = new int[1];
        return (int) Imgproc.getTextSize("A", FONT, scale, thickness(scale), base).height;
    }

    private static int textWidth(String text, double scale) {
        int[] base = new int[1];
        return (int) Imgproc.getTextSize(text, FONT, scale, thickness(scale), base).width;
    }

    /** {@code text} in the font's characters, cut short with ".." to fit {@code room} pixels. */
    static String fit(String text, int room, double scale) {
        StringBuilder ascii = new StringBuilder(text.length());
        text.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        String s = ascii.toString();
        if (textWidth(s, scale) <= room) {
            return s;
        }
        for (int n = s.length() - 1; n > 0; n--) {
            String cut = s.substring(0, n) + "..";
            if (textWidth(cut, scale) <= room) {
                return cut;
            }
        }
        return "";
    }

    private static void requireBgr(Mat image) {
        if (image.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("expected a CV_8UC3 BGR image, got "
                    + CvType.typeToString(image.type()));
        }
    }
}
