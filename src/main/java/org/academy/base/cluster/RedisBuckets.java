package org.academy.base.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.academy.security.SharedBuckets;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Token buckets in Redis: one hash per bucket (tokens per limit and the time of the last take),
 * updated by one Lua script so that a take is atomic across nodes. Time is Redis's own, so nodes'
 * clocks do not matter. A bucket expires once its longest period has passed untouched: by then it
 * would be full again, so Redis keeps only the buckets of people who acted recently.
 * <p>
 * Not Bucket4j's Redis module: it is not among the artifacts this build may use; the script is the
 * same greedy refill as the in-memory buckets, in 30 lines.
 */
final class RedisBuckets implements SharedBuckets {

    private final String prefix;

    private static final RedisScript<List> TAKE = RedisScript.of("""
            local key = KEYS[1]
            local cost = tonumber(ARGV[1])
            local n = (#ARGV - 1) / 2
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local ts = tonumber(redis.call('HGET', key, 'ts') or now)
            local elapsed = math.max(0, now - ts)
            local tokens = {}
            local ok = true
            local wait = 0
            local longest = 0
            for i = 1, n do
              local cap = tonumber(ARGV[2 * i])
              local period = tonumber(ARGV[2 * i + 1])
              if period > longest then longest = period end
              local have = tonumber(redis.call('HGET', key, 't' .. i) or cap)
              have = math.min(cap, have + elapsed * cap / period)
              tokens[i] = have
              if cost > 0 and have < cost then
                ok = false
                local w = (cost - have) * period / cap
                if w > wait then wait = w end
              end
            end
            local remaining = -1
            for i = 1, n do
              local cap = tonumber(ARGV[2 * i])
              local v = tokens[i]
              if ok then v = math.min(cap, v - cost) end
              redis.call('HSET', key, 't' .. i, tostring(v))
              if remaining < 0 or v < remaining then remaining = v end
            end
            redis.call('HSET', key, 'ts', tostring(now))
            redis.call('PEXPIRE', key, math.ceil(longest / 1000))
            if ok then return {1, math.floor(remaining), 0} end
            return {0, math.floor(remaining), math.ceil(wait)}
            """, List.class);

    private final StringRedisTemplate redis;

    RedisBuckets(StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix + "bucket:";
    }

    @Override
    public Take take(String key, List<Limit> limits, int tokens) {
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(tokens));
        for (Limit limit : limits) {
            args.add(Integer.toString(limit.capacity()));
            args.add(Long.toString(limit.period().toNanos() / 1000));
        }
        List<?> result = redis.execute(TAKE, List.of(prefix + key), args.toArray());
        boolean consumed = ((Number) result.get(0)).longValue() == 1;
        long remaining = Math.max(0, ((Number) result.get(1)).longValue());
        Duration wait = Duration.ofNanos(((Number) result.get(2)).longValue() * 1000);
        return new Take(consumed, remaining, wait);
    }

    @Override
    public void forget(String key) {
        redis.delete(prefix + key);
    }
}
