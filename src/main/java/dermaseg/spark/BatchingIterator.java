package dermaseg.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;

/**
 * A partition's output produced a batch at a time: {@link #nextBatch} consumes some input rows
 * and queues their output rows (at least one per input row it takes). What the iterator holds
 * natively is released once, when the input is exhausted or when the task ends, whichever comes
 * first: a task that fails or is killed mid-partition would otherwise leak its predictor.
 */
abstract class BatchingIterator implements Iterator<Row> {
    protected final Iterator<Row> input;
    protected final Deque<Row> ready = new ArrayDeque<>();
    private boolean closed;

    BatchingIterator(Iterator<Row> input) {
        this.input = input;
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> close());
        }
    }

    /** Takes input rows and queues their output rows in {@link #ready}. */
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
    public final Row next() {
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
