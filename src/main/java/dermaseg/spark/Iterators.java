package dermaseg.spark;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** The one lazy, one-in-one-out iterator the stages map with: a partition is never held whole. */
final class Iterators {
    private Iterators() {
    }

    static <I, O> Iterator<O> map(Iterator<I> input, Function<I, O> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return input.hasNext();
            }

            @Override
            public O next() {
                if (!input.hasNext()) {
                    throw new NoSuchElementException();
                }
                return f.apply(input.next());
            }
        };
    }
}
