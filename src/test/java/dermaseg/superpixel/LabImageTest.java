package dermaseg.superpixel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dermaseg.image.MatHandle;
import dermaseg.image.OpenCv;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

class LabImageTest {
    private static MatHandle bgr(int w, int h, byte[] pixels) {
        OpenCv.load();
        Mat m = new Mat(h, w, CvType.CV_8UC3);
        m.put(0, 0, pixels);
        return MatHandle.of(m);
    }

    @Test
    void givesTrueLabUnits() {
        // White, black, pure red, pure green, pure blue (BGR byte order), with CIE reference
        // values for sRGB / D65.
        byte[] px = {
            (byte) 255, (byte) 255, (byte) 255,
            0, 0, 0,
            0, 0, (byte) 255,
            0, (byte) 255, 0,
            (byte) 255, 0, 0,
        };
        float[][] expected = {
            {100, 0, 0},
            {0, 0, 0},
            {53.24f, 80.09f, 67.20f},
            {87.73f, -86.18f, 83.18f},
            {32.30f, 79.19f, -107.86f},
        };
        try (MatHandle m = bgr(5, 1, px)) {
            LabImage lab = LabImage.fromBgr(m.mat());
            assertEquals(5, lab.width());
            assertEquals(1, lab.height());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i][0], lab.l()[i], 0.5, "L of colour " + i);
                assertEquals(expected[i][1], lab.a()[i], 0.7, "a of colour " + i);
                assertEquals(expected[i][2], lab.b()[i], 0.7, "b of colour " + i);
            }
        }
    }

    @Test
    void roiIsTheMatchingPartOfTheWholeImage() {
        SyntheticImage s = SyntheticImage.shapes(40, 30, 5, 10, 3);
        try (MatHandle m = s.toMat()) {
            LabImage whole = LabImage.fromBgr(m.mat());
            Rect roi = new Rect(7, 5, 20, 13);
            LabImage part = LabImage.fromBgr(m.mat(), roi);
            assertEquals(20, part.width());
            assertEquals(13, part.height());
            for (int y = 0; y < roi.height; y++) {
                for (int x = 0; x < roi.width; x++) {
                    int i = (y + roi.y) * 40 + x + roi.x;
                    int j = y * roi.width + x;
                    assertEquals(whole.l()[i], part.l()[j]);
                    assertEquals(whole.a()[i], part.a()[j]);
                    assertEquals(whole.b()[i], part.b()[j]);
                }
            }
        }
    }

    @Test
    void rejectsWrongInput() {
        OpenCv.load();
        try (MatHandle gray = MatHandle.of(new Mat(4, 4, CvType.CV_8UC1));
                MatHandle m = bgr(4, 4, new byte[48])) {
            assertThrows(IllegalArgumentException.class, () -> LabImage.fromBgr(gray.mat()));
            assertThrows(IllegalArgumentException.class,
                    () -> LabImage.fromBgr(m.mat(), new Rect(2, 2, 3, 1)));
            assertThrows(IllegalArgumentException.class,
                    () -> LabImage.fromBgr(m.mat(), new Rect(0, 0, 0, 2)));
        }
        assertThrows(IllegalArgumentException.class,
                () -> new LabImage(2, 2, new float[4], new float[4], new float[3]));
    }
}
