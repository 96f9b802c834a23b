/* A compile error, as a bad commit would bring one. */
#include <stdio.h>

int lab_add(int a, int b) {
    int carry = a & b;
    return a + b + cary;
}

int main(void) {
    printf("%d\n", lab_add(1, 2));
    return 0;
}
