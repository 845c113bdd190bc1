package dermaseg.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * A partition's output produced a batch at a time: {@link #nextBatch} consumes some input and
 * queues the outputs (at least one per input it takes). What the iterator holds natively is
 * released once, when the input is exhausted or when the task ends, whichever comes first: a
 * task that fails or is killed mid-partition would otherwise leak its predictor. Outside a Spark
 * task (unit tests) only exhaustion releases.
 */
abstract class BatchingIterator<I, O> implements Iterator<O> {
    protected final Iterator<I> input;
    protected final Deque<O> ready = new ArrayDeque<>();
    private boolean closed;

    BatchingIterator(Iterator<I> input) {
        this.input = input;
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> close());
        }
    }

    /** Takes inputs and queues their outputs in {@link #ready}. */
    protected abstract void nextBatch();

    /** Frees native resources; called at most once. */
    protected abstract void release();

    @Override
    public final boolean hasNext() {
        while (ready.isEmpty() && input.hasNext()) {
            nextBatch();
        }
        if (ready.isEmpty()) {
            close();
            return false;
        }
        return true;
    }

    @Override
    public final O next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }
}
