package policy

import "github.com/ganh-market/ganh/apperr"

// Err is the error the caller gets for d: nil when allowed, hidden (the
// service's not_found, naming what was not found) when the row does not
// exist for them, otherwise the policy's own unauthenticated or forbidden
// error, worded for the action.
func (d Decision) Err(hidden error) error {
	switch d.Verdict {
	case Allow:
		return nil
	case SignIn:
		return apperr.Unauthenticatedf("%s", signInText(d.Action))
	case Hide:
		return hidden
	}
	return apperr.Forbiddenf("%s", refusalText(d))
}

func signInText(a Action) string {
	switch a {
	case ListOwnOrders:
		return "Xin đăng nhập để xem đơn hàng của bạn."
	case ReadSellerOrders, ReadCoopReport, ReadMarketReport:
		return "Xin đăng nhập để tiếp tục."
	}
	return "Vui lòng đăng nhập."
}

func refusalText(d Decision) string {
	switch d.Reason {
	case NotStaff:
		if d.Action == ReadMarketReport {
			return "Chỉ cán bộ Hội mới xem được báo cáo này."
		}
		return "Chỉ cán bộ Hội được làm việc này."
	case NotNational:
		return "Chỉ cán bộ Hội phụ trách toàn quốc được làm việc này."
	case NotInProvince:
		if d.Action == ReadMarketReport {
			return "Tỉnh này không thuộc phạm vi bạn phụ trách."
		}
		return "Hợp tác xã này không thuộc tỉnh bạn phụ trách."
	case NotOwner:
		return "Chỉ chủ hợp tác xã hoặc cán bộ Hội được làm việc này."
	case NotBuyer:
		return "Chỉ người mua mới làm được việc này với đơn hàng."
	case NotSeller:
		return "Chỉ thành viên của hợp tác xã bán hàng mới làm được việc này."
	case NotApproved:
		return "Hợp tác xã chưa được Hội duyệt nên chưa thể tải ảnh lên; có thể thêm ảnh ngay khi được duyệt."
	case OwnCoop:
		if d.Action == ReviewOrder {
			return "Thành viên hợp tác xã không tự đánh giá sản phẩm của hợp tác xã mình."
		}
		return "Thành viên hợp tác xã không tự mua hàng của hợp tác xã mình."
	}
	return "Bạn không được làm việc này."
}
