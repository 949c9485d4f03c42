// Export group "mtp2test": the MTP2 state machines without the engine, for tests and the
// benchmark (src/native/types/mtp2.ts declares it):
//   mtp2test.Mtp2TestPair(options)  two links back to back under a fake clock (mtp2_pair.h)
//   mtp2test.timers()               the Q.703 §12.3 timer table (timers.h)
//   mtp2test.counterNames()         the counter table
//   mtp2test.bench(options)         unpaced throughput of a link pair (wall clock measured here only)
#include <napi.h>

#include <chrono>
#include <memory>
#include <string>

#include "binding/errors.h"
#include "binding/module_registry.h"
#include "mtp2/mtp2_link.h"
#include "mtp2/mtp2_pair.h"

namespace tandem::mtp2 {
namespace {

int sideArg(const Napi::Value& v) {
  if (!v.IsString()) throwType(v.Env(), "side must be 'a' or 'b'");
  const std::string s = v.As<Napi::String>();
  if (s == "a") return 0;
  if (s == "b") return 1;
  throwType(v.Env(), "side must be 'a' or 'b'");
}

bool timerByName(const std::string& n, TimerId* id) {
  for (const auto& d : kTimerTable) {
    if (n == d.name) {
      *id = d.id;
      return true;
    }
  }
  return false;
}

// options.timersMs: { T1: 45000, ... } applied to both ends (ms, may be fractional).
void applyTimers(Napi::Env env, const Napi::Object& o, Mtp2Config* cfg) {
  if (!o.Has("timersMs")) return;
  const Napi::Value tv = o.Get("timersMs");
  if (tv.IsUndefined()) return;
  if (!tv.IsObject()) throwType(env, "timersMs must be an object");
  const Napi::Object t = tv.As<Napi::Object>();
  const Napi::Array keys = t.GetPropertyNames();
  for (uint32_t i = 0; i < keys.Length(); ++i) {
    const std::string k = keys.Get(i).As<Napi::String>();
    TimerId id;
    if (!timerByName(k, &id)) throwType(env, "unknown MTP2 timer " + k);
    const Napi::Value v = t.Get(k);
    if (!v.IsNumber() || v.As<Napi::Number>().DoubleValue() <= 0) throwType(env, "timer " + k + " must be a positive number of ms");
    cfg->timersUs[static_cast<int>(id)] = static_cast<uint64_t>(v.As<Napi::Number>().DoubleValue() * 1000.0);
  }
}

Napi::Object countersObject(Napi::Env env, const Mtp2Counters& c) {
  Napi::Object o = Napi::Object::New(env);
  for (const auto& d : kMtp2Counters) o.Set(d.name, Napi::Number::New(env, static_cast<double>(c.*(d.field))));
  return o;
}

class PairWrap : public Napi::ObjectWrap<PairWrap> {
 public:
  static Napi::Function define(Napi::Env env) {
    return DefineClass(env, "Mtp2TestPair",
                       {InstanceMethod("command", &PairWrap::command), InstanceMethod("impair", &PairWrap::impair),
                        InstanceMethod("advance", &PairWrap::advance), InstanceMethod("nowMs", &PairWrap::nowMs),
                        InstanceMethod("state", &PairWrap::state), InstanceMethod("counters", &PairWrap::counters),
                        InstanceMethod("transcript", &PairWrap::transcript),
                        InstanceMethod("received", &PairWrap::received),
                        InstanceMethod("retrieved", &PairWrap::retrieved), InstanceMethod("note", &PairWrap::note)});
  }

  explicit PairWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<PairWrap>(info) {
    Napi::Env env = info.Env();
    Mtp2Pair::Options opt;
    if (info.Length() > 0 && !info[0].IsUndefined()) {
      if (!info[0].IsObject()) throwType(env, "options must be an object");
      const Napi::Object o = info[0].As<Napi::Object>();
      if (o.Has("hdlc")) opt.hdlc = o.Get("hdlc").ToBoolean();
      if (o.Has("logReceived")) opt.logReceived = o.Get("logReceived").ToBoolean();
      applyTimers(env, o, &opt.cfg[0]);
      opt.cfg[1] = opt.cfg[0];
    }
    pair_ = std::make_unique<Mtp2Pair>(opt);
  }

 private:
  Napi::Value command(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const int side = sideArg(info[0]);
    if (!info[1].IsString()) throwType(env, "command must be a string");
    const std::string cmd = info[1].As<Napi::String>();
    Mtp2& l = pair_->link(side);
    auto num = [&]() -> uint32_t {
      if (info.Length() < 3 || !info[2].IsNumber()) throwType(env, cmd + " needs a number");
      return info[2].As<Napi::Number>().Uint32Value();
    };
    if (cmd == "start") l.start();
    else if (cmd == "stop") l.stop();
    else if (cmd == "emergency") l.emergency();
    else if (cmd == "emergencyCeases") l.emergencyCeases();
    else if (cmd == "localProcessorOutage") l.localProcessorOutage();
    else if (cmd == "localProcessorRecovered") l.localProcessorRecovered();
    else if (cmd == "retrieveBsnt") l.retrieveBsnt();
    else if (cmd == "retrievalRequestAndFsnc") {
      const uint32_t f = num();
      if (f > 127) throwRange(env, "fsnc must be 0..127");
      l.retrievalRequestAndFsnc(static_cast<uint8_t>(f));
    } else if (cmd == "clearBuffers") l.clearBuffers();
    else if (cmd == "flowControl") l.localCongestion(num() != 0);
    else if (cmd == "transmit") {
      if (info.Length() < 3 || !info[2].IsBuffer()) throwType(env, "transmit needs a Buffer (SIO + SIF)");
      auto b = info[2].As<Napi::Buffer<uint8_t>>();
      if (b.Length() < 3 || b.Length() > kMaxMsu) throwRange(env, "an MSU is 3..273 octets (SIO + SIF of 2..272, Q.703 §2.3.8)");
      return Napi::Boolean::New(env, l.transmit(b.Data(), b.Length()));
    } else {
      throwType(env, "unknown command " + cmd);
    }
    return env.Undefined();
  }

  Napi::Value impair(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const int from = sideArg(info[0]);
    if (!info[1].IsObject()) throwType(env, "impairment must be an object");
    const Napi::Object o = info[1].As<Napi::Object>();
    LineImpairment& imp = pair_->line(from);
    auto u = [&](const char* k) { return o.Get(k).As<Napi::Number>().Uint32Value(); };
    if (o.Has("cut")) imp.cut = o.Get("cut").ToBoolean();
    if (o.Has("corruptNext")) imp.corruptNext = u("corruptNext");
    if (o.Has("dropNext")) imp.dropNext = u("dropNext");
    if (o.Has("msuOnly")) imp.msuOnly = o.Get("msuOnly").ToBoolean();
    if (o.Has("corruptEvery")) imp.corruptEvery = u("corruptEvery");
    if (o.Has("bitErrorEvery")) imp.bitErrorEvery = o.Get("bitErrorEvery").As<Napi::Number>().Int64Value();
    if (o.Has("bsnAdd")) imp.bsnAdd = static_cast<uint8_t>(u("bsnAdd") & kSeqMask);
    if (o.Has("badLiNext")) imp.badLiNext = u("badLiNext");
    if (o.Has("fibFlip")) imp.fibFlip = o.Get("fibFlip").ToBoolean();
    if (o.Has("freezeBsn")) pair_->setFreezeBsn(from, o.Get("freezeBsn").ToBoolean());
    return env.Undefined();
  }

  Napi::Value advance(const Napi::CallbackInfo& info) {
    if (!info[0].IsNumber()) throwType(info.Env(), "advance(ms) needs a number");
    const int64_t ms = info[0].As<Napi::Number>().Int64Value();
    if (ms < 0 || ms > 3600 * 1000) throwRange(info.Env(), "ms must be 0..3600000");
    pair_->advanceMs(static_cast<uint64_t>(ms));
    return info.Env().Undefined();
  }

  Napi::Value nowMs(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(pair_->nowUs()) / 1000.0);
  }

  Napi::Value state(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Mtp2& l = pair_->link(sideArg(info[0]));
    Napi::Object o = Napi::Object::New(env);
    o.Set("lsc", lscStateName(l.lscState()));
    o.Set("iac", iacStateName(l.iacState()));
    o.Set("octetCounting", l.octetCounting());
    o.Set("suermCount", l.suermCount());
    o.Set("rtb", l.rtbCount());
    o.Set("txQueue", static_cast<double>(l.txQueueCount()));
    return o;
  }

  Napi::Value counters(const Napi::CallbackInfo& info) {
    return countersObject(info.Env(), pair_->link(sideArg(info[0])).counters());
  }

  Napi::Value transcript(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const auto lines = pair_->takeTranscript();
    Napi::Array a = Napi::Array::New(env, lines.size());
    for (size_t i = 0; i < lines.size(); ++i) a.Set(static_cast<uint32_t>(i), lines[i]);
    return a;
  }

  static Napi::Array buffers(Napi::Env env, const std::vector<std::vector<uint8_t>>& v) {
    Napi::Array a = Napi::Array::New(env, v.size());
    for (size_t i = 0; i < v.size(); ++i) a.Set(static_cast<uint32_t>(i), Napi::Buffer<uint8_t>::Copy(env, v[i].data(), v[i].size()));
    return a;
  }
  Napi::Value received(const Napi::CallbackInfo& info) {
    return buffers(info.Env(), pair_->takeReceived(sideArg(info[0])));
  }
  Napi::Value retrieved(const Napi::CallbackInfo& info) {
    return buffers(info.Env(), pair_->takeRetrieved(sideArg(info[0])));
  }
  Napi::Value note(const Napi::CallbackInfo& info) {
    if (!info[0].IsString()) throwType(info.Env(), "note(text) needs a string");
    pair_->note(info[0].As<Napi::String>());
    return info.Env().Undefined();
  }

  std::unique_ptr<Mtp2Pair> pair_;
};

Napi::Value timers(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array a = Napi::Array::New(env, kTimerCount);
  for (int i = 0; i < kTimerCount; ++i) {
    const TimerDef& d = kTimerTable[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("name", d.name);
    o.Set("defaultMs", static_cast<double>(d.defaultUs) / 1000.0);
    o.Set("minMs", static_cast<double>(d.minUs) / 1000.0);
    o.Set("maxMs", static_cast<double>(d.maxUs) / 1000.0);
    o.Set("description", d.description);
    a.Set(static_cast<uint32_t>(i), o);
  }
  return a;
}

Napi::Value counterNames(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array a = Napi::Array::New(env);
  uint32_t i = 0;
  for (const auto& d : kMtp2Counters) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("name", d.name);
    o.Set("description", d.description);
    a.Set(i++, o);
  }
  return a;
}

// Brings a pair in service under the fake clock, then pushes `msus` MSUs from a to b as fast as
// the CPU allows: the cost of MTP2 (and, with hdlc, of HDLC encode + decode octet by octet).
Napi::Value bench(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t msus = 100000;
  size_t len = 40;
  bool hdlc = false;
  if (info.Length() > 0 && info[0].IsObject()) {
    const Napi::Object o = info[0].As<Napi::Object>();
    if (o.Has("msus")) msus = o.Get("msus").As<Napi::Number>().Int64Value();
    if (o.Has("msuLen")) len = o.Get("msuLen").As<Napi::Number>().Uint32Value();
    if (o.Has("hdlc")) hdlc = o.Get("hdlc").ToBoolean();
  }
  if (len < 3 || len > kMaxMsu) throwRange(env, "msuLen must be 3..273");
  Mtp2Pair::Options opt;
  opt.hdlc = hdlc;
  opt.logReceived = false;
  Mtp2Pair pair(opt);
  pair.link(0).start();
  pair.link(1).start();
  pair.advanceMs(9000);
  if (pair.link(0).lscState() != LscState::InService) throwInvalidState(env, "bench pair did not align");
  const auto t0 = std::chrono::steady_clock::now();
  const uint64_t sus = pair.runUnpaced(msus, len, hdlc);
  const auto t1 = std::chrono::steady_clock::now();
  const double sec = std::chrono::duration<double>(t1 - t0).count();
  Napi::Object o = Napi::Object::New(env);
  o.Set("msus", static_cast<double>(pair.link(1).counters().msuRx));
  o.Set("signalUnits", static_cast<double>(sus));
  o.Set("seconds", sec);
  o.Set("retransmissions", static_cast<double>(pair.link(0).counters().retransmissions));
  o.Set("inService", pair.link(0).lscState() == LscState::InService);
  o.Set("linkBytes", static_cast<double>(sizeof(Mtp2)));
  return o;
}

// The code tables of the "mtp2" channel kind, so the TypeScript copies can be checked against them.
Napi::Value codes(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  Napi::Array kinds = Napi::Array::New(env);
  for (uint32_t i = 0; i <= static_cast<uint32_t>(EventKind::EventNotPermitted); ++i) kinds.Set(i, eventKindName(static_cast<EventKind>(i)));
  Napi::Array causes = Napi::Array::New(env);
  for (uint32_t i = 0; i <= static_cast<uint32_t>(Cause::T6Expired); ++i) causes.Set(i, causeName(static_cast<Cause>(i)));
  Napi::Array lsc = Napi::Array::New(env);
  for (uint32_t i = 0; i <= static_cast<uint32_t>(LscState::ProcessorOutage); ++i) lsc.Set(i, lscStateName(static_cast<LscState>(i)));
  Napi::Array iac = Napi::Array::New(env);
  for (uint32_t i = 0; i <= static_cast<uint32_t>(IacState::Proving); ++i) iac.Set(i, iacStateName(static_cast<IacState>(i)));
  Napi::Object cmds = Napi::Object::New(env);
  cmds.Set("start", static_cast<uint32_t>(LinkCommand::Start));
  cmds.Set("stop", static_cast<uint32_t>(LinkCommand::Stop));
  cmds.Set("emergency", static_cast<uint32_t>(LinkCommand::Emergency));
  cmds.Set("emergencyCeases", static_cast<uint32_t>(LinkCommand::EmergencyCeases));
  cmds.Set("transmit", static_cast<uint32_t>(LinkCommand::Transmit));
  cmds.Set("retrieveBsnt", static_cast<uint32_t>(LinkCommand::RetrieveBsnt));
  cmds.Set("retrievalRequestAndFsnc", static_cast<uint32_t>(LinkCommand::RetrievalRequestAndFsnc));
  cmds.Set("clearBuffers", static_cast<uint32_t>(LinkCommand::ClearBuffers));
  cmds.Set("localProcessorOutage", static_cast<uint32_t>(LinkCommand::LocalProcessorOutage));
  cmds.Set("localProcessorRecovered", static_cast<uint32_t>(LinkCommand::LocalProcessorRecovered));
  cmds.Set("flowControl", static_cast<uint32_t>(LinkCommand::FlowControl));
  o.Set("eventKinds", kinds);
  o.Set("causes", causes);
  o.Set("lscStates", lsc);
  o.Set("iacStates", iac);
  o.Set("commands", cmds);
  o.Set("eventCodeBase", kEventCodeBase);
  return o;
}

void init(Napi::Env env, Napi::Object exports) {
  Napi::Object g = Napi::Object::New(env);
  g.Set("Mtp2TestPair", PairWrap::define(env));
  g.Set("timers", Napi::Function::New(env, timers, "timers"));
  g.Set("counterNames", Napi::Function::New(env, counterNames, "counterNames"));
  g.Set("bench", Napi::Function::New(env, bench, "bench"));
  g.Set("codes", Napi::Function::New(env, codes, "codes"));
  exports.Set("mtp2test", g);
}

}  // namespace

TANDEM_REGISTER_EXPORTS("mtp2test", init);

}  // namespace tandem::mtp2
