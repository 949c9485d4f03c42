// The media export group is assembled from several binding files (one per component) so that none
// grows too large; each adds its functions to the `media` object.
#pragma once

#include <napi.h>

namespace tandem::media {

void initMediaParts(Napi::Env env, Napi::Object media);
void initJbBinding(Napi::Env env, Napi::Object media);
void initDtmfBinding(Napi::Env env, Napi::Object media);
void initRtpBinding(Napi::Env env, Napi::Object media);
void initChannelBinding(Napi::Env env, Napi::Object media);

}  // namespace tandem::media
