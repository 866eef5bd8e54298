#ifndef MDL_DATA_H
#define MDL_DATA_H

#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#ifdef __cplusplus
extern "C" {
#endif

/* mdl_data_csv_read: the numbers of a comma-separated file, one matrix row
   per non-blank line, after an optional header line of column names.
   Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (header not 0 or 1),
   GSL_EFAILED (file cannot be opened, or a cell is not a number),
   GSL_EDOM (a NaN, infinite or overflowing cell), GSL_EBADLEN (a ragged
   row, or no row), GSL_ENOMEM.  Book: ch. 2, "Reading data from files". */
int mdl_data_csv_read(const char *path, int header, gsl_matrix **X);
/* mdl_data_csv_fread: the same as mdl_data_csv_read, from an open stream
   read to its end.
   Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (header not 0 or 1),
   GSL_EFAILED (a read error, or a cell is not a number), GSL_EDOM (a NaN,
   infinite or overflowing cell), GSL_EBADLEN (a ragged row, or no row),
   GSL_ENOMEM.  Book: ch. 2, "Reading data from files". */
int mdl_data_csv_fread(FILE *fp, int header, gsl_matrix **X);
/* mdl_data_idx_read_images: the images of an IDX file of magic 0x00000803,
   one row of rows times columns pixels per image, divided by 255 when
   scale is 1.
   Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (scale not 0 or 1),
   GSL_EFAILED (file cannot be opened, a wrong magic number, or bytes after
   the data), GSL_EOF (the file ends early), GSL_EBADLEN (a dimension is 0
   or too large), GSL_ENOMEM.  Book: ch. 2, "Reading data from files". */
int mdl_data_idx_read_images(const char *path, int scale, gsl_matrix **X);
/* mdl_data_idx_fread_images: the same as mdl_data_idx_read_images, from an
   open stream read to its end.
   Errors: GSL_EFAULT (NULL argument), GSL_EINVAL (scale not 0 or 1),
   GSL_EFAILED (a read error, a wrong magic number, or bytes after the
   data), GSL_EOF (the stream ends early), GSL_EBADLEN (a dimension is 0 or
   too large), GSL_ENOMEM.  Book: ch. 2, "Reading data from files". */
int mdl_data_idx_fread_images(FILE *fp, int scale, gsl_matrix **X);
/* mdl_data_idx_read_labels: the labels of an IDX file of magic 0x00000801,
   one entry per label.
   Errors: GSL_EFAULT (NULL argument), GSL_EFAILED (file cannot be opened,
   a wrong magic number, or bytes after the data), GSL_EOF (the file ends
   early), GSL_EBADLEN (no label), GSL_ENOMEM.
   Book: ch. 2, "Reading data from files". */
int mdl_data_idx_read_labels(const char *path, gsl_vector **y);
/* mdl_data_idx_fread_labels: the same as mdl_data_idx_read_labels, from an
   open stream read to its end.
   Errors: GSL_EFAULT (NULL argument), GSL_EFAILED (a read error, a wrong
   magic number, or bytes after the data), GSL_EOF (the stream ends early),
   GSL_EBADLEN (no label), GSL_ENOMEM.
   Book: ch. 2, "Reading data from files". */
int mdl_data_idx_fread_labels(FILE *fp, gsl_vector **y);

#ifdef __cplusplus
}
#endif
#endif
