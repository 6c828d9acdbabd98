// CPosix is headers only; a C target needs one source file.
#include "CPosix.h"
