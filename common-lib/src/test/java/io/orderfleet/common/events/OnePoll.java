package io.orderfleet.common.events;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Lets a test hand a batch listener several records in one poll (test-jar): the listener's container is
 * paused (no rebalance, its partitions stay assigned) while they are published, and the first poll after
 * the resume fetches all of them at once.
 */
public final class OnePoll {

    private OnePoll() {
    }

    public static void deliver(MessageListenerContainer listener, Duration patience, Runnable publishing) {
        listener.pause();
        try {
            await().atMost(patience).until(listener::isContainerPaused);
            publishing.run();
        } finally {
            listener.resume();
        }
    }
}
