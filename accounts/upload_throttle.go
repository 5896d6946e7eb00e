package accounts

import (
	"context"

	"github.com/ganh-market/ganh/apperr"
)

// PhotoUploadsPerWindow is how many photo uploads an account may make in one
// throttle window (Options.LoginWindow, 15 minutes by default). Each costs
// up to seconds of CPU and hundreds of MB to decode: a seller photographing
// her whole catalogue stays well under it, a stolen or scripted account
// cannot keep the decoder busy.
const PhotoUploadsPerWindow = 60

// CountPhotoUpload counts one photo upload by the user, before the upload is
// read, and refuses it with 429 past the budget. It counts with the same
// database-backed counters as sign-in (package throttle), under a rule of
// its own, so every instance sees the same count.
func (s *Service) CountPhotoUpload(ctx context.Context, userID string) error {
	ok, err := s.attempts.Take(ctx, s.rules.photoUploads, userID)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.New(apperr.KindRateLimited, apperr.CodeRateLimited,
			"Tài khoản đã tải lên quá nhiều ảnh trong ít phút. Xin đợi ít phút rồi thử lại.")
	}
	return nil
}
