# Python's multiprocessing.Pool measured the way PoolOverhead measures ProcessPool.
import statistics
import sys
import time
from multiprocessing import Pool


def square(x):
    return x * x


def main():
    items, trips = int(sys.argv[1]), int(sys.argv[2])
    t0 = time.perf_counter()
    with Pool(2) as pool:
        pool.apply_async(square, (1,)).get()
        print("metric start_to_first_result_ms", (time.perf_counter() - t0) * 1e3)
        data = list(range(items))
        times = []
        for _ in range(70):  # as the Java side: 60 unmeasured, then 10
            s = time.perf_counter()
            out = pool.map(square, data)
            times.append((time.perf_counter() - s) * 1e3)
            assert out[-1] == (items - 1) ** 2
        print("metric map_%d_tiny_ms" % items, statistics.median(times[60:]))
        rt = []
        for i in range(trips * 2):
            s = time.perf_counter()
            assert pool.apply_async(square, (i,)).get() == i * i
            if i >= trips:
                rt.append((time.perf_counter() - s) * 1e6)
        print("metric submit_round_trip_median_us", statistics.median(rt))


if __name__ == "__main__":
    main()
