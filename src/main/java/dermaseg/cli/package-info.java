/**
 * The single-machine commands ({@code scripts/dermaseg train | segment | evaluate | tune |
 * bench}): thin shells over the pipeline that parse options with picocli and print results.
 */
package dermaseg.cli;
