package dermaseg.image;

import static dermaseg.image.TestImages.bgrAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class ImageOpsTest {
    @BeforeAll
    static void loadOpenCv() {
        OpenCv.load();
    }

    @Test
    void resizeToLongerSideKeepsAspect() {
        try (MatHandle wide = TestImages.solid(400, 200, CvType.CV_8UC3, new Scalar(1, 2, 3));
             MatHandle small = ImageOps.resizeToLongerSide(wide.mat(), 100);
             MatHandle tall = TestImages.solid(30, 61, CvType.CV_8UC3, new Scalar(1, 2, 3));
             MatHandle big = ImageOps.resizeToLongerSide(tall.mat(), 122)) {
            assertEquals(100, small.width());
            assertEquals(50, small.height());
            assertEquals(60, big.width());
            assertEquals(122, big.height());
            assertEquals(CvType.CV_8UC3, big.mat().type());
        }
    }

    @Test
    void shrinkingAveragesEveryPixel() {
        // One white column in every four: area averaging gives 255/4 everywhere; bilinear sampling
        // at 4x would land between the black columns and give 0.
        try (MatHandle stripes = TestImages.solid(64, 8, CvType.CV_8UC3, new Scalar(0, 0, 0))) {
            for (int x = 0; x < 64; x += 4) {
                try (MatHandle col = MatHandle.of(stripes.mat().col(x))) {
                    col.mat().setTo(new Scalar(255, 255, 255));
                }
            }
            try (MatHandle small = ImageOps.resize(stripes.mat(), 16, 2)) {
                assertArrayEquals(new int[] {64, 64, 64}, bgrAt(small.mat(), 7, 1));
            }
        }
    }

    @Test
    void resizeToSameSizeIsACopy() {
        try (MatHandle img = TestImages.noise(20, 10, 1);
             MatHandle same = ImageOps.resize(img.mat(), 20, 10)) {
            byte[] original = TestImages.bytes(img.mat());
            assertArrayEquals(original, TestImages.bytes(same.mat()));
            same.mat().setTo(new Scalar(0, 0, 0));
            assertArrayEquals(original, TestImages.bytes(img.mat()));
        }
    }

    @Test
    void cropCopiesTheRectangle() {
        try (MatHandle img = TestImages.noise(20, 10, 2);
             MatHandle crop = ImageOps.crop(img.mat(), 5, 3, 4, 6)) {
            assertEquals(4, crop.width());
            assertEquals(6, crop.height());
            assertArrayEquals(bgrAt(img.mat(), 5, 3), bgrAt(crop.mat(), 0, 0));
            assertArrayEquals(bgrAt(img.mat(), 8, 8), bgrAt(crop.mat(), 3, 5));
            int[] before = bgrAt(img.mat(), 5, 3);
            crop.mat().setTo(new Scalar(0, 0, 0));
            assertArrayEquals(before, bgrAt(img.mat(), 5, 3));
        }
    }

    @Test
    void cropOutsideIsRefused() {
        try (MatHandle img = TestImages.noise(20, 10, 3)) {
            Mat m = img.mat();
            assertThrows(IllegalArgumentException.class, () -> ImageOps.crop(m, 17, 0, 4, 4));
            assertThrows(IllegalArgumentException.class, () -> ImageOps.crop(m, -1, 0, 4, 4));
            assertThrows(IllegalArgumentException.class, () -> ImageOps.crop(m, 0, 0, 0, 4));
        }
    }

    @Test
    void rgbPlanesAreChannelFirstInRgbOrder() {
        try (MatHandle img = TestImages.solid(2, 1, CvType.CV_8UC3, new Scalar(0, 0, 0))) {
            img.mat().put(0, 0, new byte[] {10, 20, (byte) 255, 40, 50, 60}); // two BGR pixels
            float[] p = ImageOps.rgbPlanes(img.mat());
            assertArrayEquals(new float[] {1f, 60 / 255f, 20 / 255f, 50 / 255f, 10 / 255f, 40 / 255f}, p);
        }
    }

    @Test
    void rgbPlanesOfAView() {
        try (MatHandle img = TestImages.noise(6, 4, 4);
             MatHandle view = MatHandle.of(img.mat().submat(1, 3, 2, 5));
             MatHandle copy = ImageOps.crop(img.mat(), 2, 1, 3, 2)) {
            assertArrayEquals(ImageOps.rgbPlanes(copy.mat()), ImageOps.rgbPlanes(view.mat()));
        }
    }

    @Test
    void pngRoundTripIsExact() throws Exception {
        try (MatHandle img = TestImages.noise(33, 17, 5);
             MatHandle back = new ImageDecoder().decode(ImageOps.encodePng(img.mat()))) {
            assertArrayEquals(TestImages.bytes(img.mat()), TestImages.bytes(back.mat()));
        }
    }
}
