package org.academy.base;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Longer work started by a person (a CSV import) off the request thread, so the screen can show
 * progress through push. Runs as the person who started it; bounded, so a burst of uploads queues
 * instead of starving the server. Holds nothing after a job ends.
 */
@Component
public class BackgroundJobs {

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(50), r -> {
                Thread t = new Thread(r, "background-job");
                t.setDaemon(true);
                return t;
            });

    /** @throws InvalidRequestException when too many jobs are waiting */
    public void submit(Runnable job) {
        try {
            executor.execute(new DelegatingSecurityContextRunnable(job));
        } catch (java.util.concurrent.RejectedExecutionException busy) {
            throw new InvalidRequestException("The server is busy with other imports; please try again in a minute.");
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
