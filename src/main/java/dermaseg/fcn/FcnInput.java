package dermaseg.fcn;

/**
 * One image ready for the network: standardised CHW values at the working size, plus the size of
 * the image it came from, so that the probability map can be taken back there.
 */
public record FcnInput(float[] chw, int workingSize, int sourceWidth, int sourceHeight) {
    public FcnInput {
        if (chw.length != 3 * workingSize * workingSize) {
            throw new IllegalArgumentException("expected " + 3 * workingSize * workingSize
                    + " values for working size " + workingSize + ", got " + chw.length);
        }
    }
}
