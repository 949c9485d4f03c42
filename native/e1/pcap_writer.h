// pcap file writer for signalling links: classic pcap (magic a1b2c3d4, v2.4, microsecond time stamps),
// link type 140 = LINKTYPE_MTP2 (Q.703 signal units starting with BSN/BIB, FCS included as the last
// two octets). enqueue() is wait-free for the real-time thread (single producer: one thread calls
// enqueue; bounded ring, frames that do not fit are counted in dropped()); a writer thread of its own
// does the file I/O. close() flushes everything queued and is idempotent.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace tandem::e1 {

class PcapWriter {
 public:
  static constexpr uint32_t kLinktypeMtp2 = 140;
  static constexpr size_t kSlotBytes = 512;   // frames longer than this are truncated (caplen < len)
  static constexpr size_t kSlots = 2048;

  PcapWriter();
  ~PcapWriter();
  PcapWriter(const PcapWriter&) = delete;
  PcapWriter& operator=(const PcapWriter&) = delete;

  bool open(const std::string& path, uint32_t linktype = kLinktypeMtp2);  // false if it cannot be created
  // Wait-free, single producer. realtimeUs = wall clock time stamp (µs since the Unix epoch).
  void enqueue(const uint8_t* frame, size_t n, uint64_t realtimeUs);
  void close();
  bool isOpen() const { return open_.load(std::memory_order_acquire); }
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  uint64_t written() const { return written_.load(std::memory_order_relaxed); }

 private:
  struct Slot {
    uint64_t tsUs;
    uint32_t len;     // original length
    uint32_t caplen;  // stored length
    uint8_t data[kSlotBytes];
  };
  void run();
  size_t drain();

  std::unique_ptr<Slot[]> slots_;
  std::atomic<uint64_t> head_{0};  // written by the producer
  std::atomic<uint64_t> tail_{0};  // written by the writer thread
  std::atomic<bool> open_{false};
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> dropped_{0};
  std::atomic<uint64_t> written_{0};
  std::FILE* file_ = nullptr;
  std::thread thread_;
  std::mutex mu_;                 // writer thread sleep only; never taken by enqueue()
  std::condition_variable cv_;
};

}  // namespace tandem::e1
