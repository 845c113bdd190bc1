package dermaseg.dataset;

/** One training example as stored: the encoded image and its encoded ground-truth mask. */
public record TrainingPair(String id, byte[] image, byte[] mask) {
}
