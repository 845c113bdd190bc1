package dermaseg.image;

import static dermaseg.image.TestImages.bgrAt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
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
    void pngRoundTripIsExact() throws Exception {
        try (MatHandle img = TestImages.noise(33, 17, 5);
             MatHandle back = new ImageDecoder().decode(ImageOps.encodePng(img.mat()))) {
            assertArrayEquals(TestImages.bytes(img.mat()), TestImages.bytes(back.mat()));
        }
    }
}
