"""Summarise a py-spy raw profile (bench/load.py --profile DIR): the functions
with the most samples, by their own time and including what they call.

`python bench/profile_summary.py DIR/bowtie-collect.txt [--top 30] [--only workshop/]`
"""
import argparse
import collections


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--only", default="", help="inclusive list: only frames whose text contains this")
    args = parser.parse_args()
    total, own, inclusive = 0, collections.Counter(), collections.Counter()
    with open(args.path) as f:
        for line in f:
            stack, _, count = line.rstrip().rpartition(" ")
            n = int(count)
            total += n
            frames = stack.split(";")
            own[frames[-1]] += n
            for frame in set(frames):
                inclusive[frame] += n
    print(f"{total} samples (every thread; the tpool threads idle in Queue.get / Condition.wait)")
    print("own time:")
    for frame, n in own.most_common(args.top):
        print(f"  {n * 100 / total:5.1f}%  {frame}")
    print("including callees:")
    shown = [(f, n) for f, n in inclusive.most_common() if args.only in f][:args.top]
    for frame, n in shown:
        print(f"  {n * 100 / total:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
