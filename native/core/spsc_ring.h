// Single-producer single-consumer ring of fixed-size records: the only way data crosses between the
// JavaScript thread and the engine's real-time thread. Wait-free on both sides, no allocation after
// construction. Records are written in place (beginPush/commitPush) so large ones are not copied
// twice.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>

namespace tandem::core {

template <typename T>
class SpscRing {
 public:
  explicit SpscRing(size_t capacityPow2) : cap_(capacityPow2), mask_(capacityPow2 - 1), buf_(new T[capacityPow2]) {}
  SpscRing(const SpscRing&) = delete;
  SpscRing& operator=(const SpscRing&) = delete;

  // Producer: a slot to fill, or nullptr when full.
  T* beginPush() {
    size_t h = head_.load(std::memory_order_relaxed);
    if (h - tail_.load(std::memory_order_acquire) >= cap_) return nullptr;
    return &buf_[h & mask_];
  }
  void commitPush() { head_.store(head_.load(std::memory_order_relaxed) + 1, std::memory_order_release); }
  bool push(const T& v) {
    T* s = beginPush();
    if (!s) return false;
    *s = v;
    commitPush();
    return true;
  }

  // Consumer: the oldest record, or nullptr when empty; pop() releases it.
  T* front() {
    size_t t = tail_.load(std::memory_order_relaxed);
    if (t == head_.load(std::memory_order_acquire)) return nullptr;
    return &buf_[t & mask_];
  }
  void pop() { tail_.store(tail_.load(std::memory_order_relaxed) + 1, std::memory_order_release); }

  size_t sizeApprox() const { return head_.load(std::memory_order_acquire) - tail_.load(std::memory_order_acquire); }
  bool empty() const { return sizeApprox() == 0; }
  size_t capacity() const { return cap_; }

 private:
  const size_t cap_;
  const size_t mask_;
  std::unique_ptr<T[]> buf_;
  alignas(64) std::atomic<size_t> head_{0};
  alignas(64) std::atomic<size_t> tail_{0};
};

}  // namespace tandem::core
