/**
 * Images in and out of the pipeline: decoding untrusted bytes into 8-bit BGR images with a
 * stable reason code for every refusal ({@link dermaseg.image.ImageDecoder},
 * {@link dermaseg.image.DecodeFailure}), binary masks to and from PNG
 * ({@link dermaseg.image.MaskCodec}), the raster types the stages exchange
 * ({@link dermaseg.image.FloatMap}, {@link dermaseg.image.BinaryMask}), resizing
 * ({@link dermaseg.image.ImageOps}), the overlays of the evaluation report
 * ({@link dermaseg.image.Overlay}) and the titles, colour bars and legends drawn into its figures
 * ({@link dermaseg.image.Annotations}).
 *
 * <p>OpenCV does the pixel work. Its {@code Mat}s hold native memory that the garbage collector
 * does not see, so every one lives in a {@link dermaseg.image.MatHandle} inside a
 * try-with-resources block, temporaries included.
 */
package dermaseg.image;
