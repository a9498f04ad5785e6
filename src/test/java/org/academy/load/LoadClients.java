package org.academy.load;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The participants' side of the load harness, in a process of its own so the server's heap is
 * measured without them. Arguments: base URL, route, a file of "email password" lines. Prints
 * "READY connected failed" once every participant is in, then "SEEN index tally epochMillis" each
 * time a participant's push stream shows a higher poll tally, until a line "STOP" on stdin
 * ("RESET" on stdin starts the tallies from zero again, for the next poll).
 */
public final class LoadClients {

    /** The poll card's voter count, as it travels in a state-tree text change. */
    private static final Pattern TALLY = Pattern.compile("\"value\":\"(\\d+) votes?\"");

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String route = args[1];
        List<String[]> credentials = Files.readAllLines(Path.of(args[2])).stream()
                .filter(l -> !l.isBlank()).map(l -> l.split(" ", 2)).toList();
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();

        List<VaadinClient> clients = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        Semaphore concurrency = new Semaphore(16);
        ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor();
        List<java.util.concurrent.Future<?>> started = new ArrayList<>();
        int[] best = new int[credentials.size()];
        for (int i = 0; i < credentials.size(); i++) {
            int index = i;
            VaadinClient client = new VaadinClient(http, base, (at, message) -> {
                Matcher m = TALLY.matcher(message);
                int max = -1;
                while (m.find()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
                if (max >= 0) {
                    synchronized (best) {
                        if (max > best[index]) {
                            best[index] = max;
                            System.out.println("SEEN " + index + " " + max + " " + at);
                        }
                    }
                }
            });
            synchronized (clients) {
                clients.add(client);
            }
            started.add(starters.submit(() -> {
                concurrency.acquireUninterruptibly();
                try {
                    client.login(credentials.get(index)[0], credentials.get(index)[1]);
                    client.open(route);
                } catch (Exception e) {
                    failed.incrementAndGet();
                    System.out.println("ERROR " + index + " " + e);
                } finally {
                    concurrency.release();
                }
            }));
        }
        for (var f : started) {
            f.get();
        }
        System.out.println("READY " + (credentials.size() - failed.get()) + " " + failed.get());
        System.out.flush();

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null && !line.equals("STOP")) {
            if (line.equals("RESET")) {
                // A new poll starts counting from zero: forget the tallies seen so far.
                synchronized (best) {
                    java.util.Arrays.fill(best, 0);
                }
                System.out.println("RESET");
                System.out.flush();
            }
        }
        clients.forEach(VaadinClient::close);
        System.out.println("STOPPED");
        System.out.flush();
        System.exit(0);
    }
}
