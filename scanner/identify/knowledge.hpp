// What identification loads once from a fingerprints folder: signatures and vendor names.
#pragma once
#include <identify/signature_db.hpp>
#include <identify/vendor_db.hpp>

namespace camaudit::identify {

struct Knowledge {
    SignatureDb signatures;
    VendorDb vendors;
};

}  // namespace camaudit::identify
