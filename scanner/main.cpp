// The camaudit binary: hands the command line to app/.
#include <app/run.hpp>

int main(int argc, char** argv) { return camaudit::app::run(argc, argv); }
