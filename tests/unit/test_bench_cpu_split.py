"""The bench's CPU figures (bench/machinery.py): a process's own work and the kernel's for it, told apart."""
import os
import time

from bench.machinery import cpu_seconds, cpu_split


def _spend(seconds: float, work) -> None:
    until = time.process_time() + seconds
    while time.process_time() < until:
        work()


def test_system_calls_count_as_the_kernel_s_time_and_arithmetic_as_the_process_s():
    pid = os.getpid()
    with open("/dev/zero", "rb", buffering=0) as zero:
        user0, kernel0 = cpu_split(pid)
        _spend(0.3, lambda: zero.read(1 << 20))  # the kernel fills a megabyte per call
        user1, kernel1 = cpu_split(pid)
        _spend(0.3, lambda: sum(range(10_000)))
        user2, kernel2 = cpu_split(pid)
    assert kernel1 - kernel0 > user1 - user0
    assert user2 - user1 > kernel2 - kernel1


def test_the_total_is_both_parts():
    user, kernel = cpu_split(os.getpid())
    assert user + kernel <= cpu_seconds(os.getpid()) <= user + kernel + 0.05
